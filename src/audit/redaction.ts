import type { CaseRecord } from '../store/caseModel';

export const redactedMarker = '[redacted]';

const emailPattern = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[^\s@<>"'(),;:]+/gu;

/**
 * Eight or more digits, optionally split by spaces, dots, slashes or dashes,
 * and not part of a longer word: phone numbers and national register numbers
 * in any of their usual spellings.
 */
const longNumberPattern = /(?<![\p{L}\p{N}-])\+?\d(?:[ ./-]?\d){7,}(?![\p{L}\p{N}])/gu;

/** Removes personal data from free text, or returns null for no text. */
export type Redactor = (text: string | null | undefined) => string | null;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches the word case-insensitively, but not inside a longer word, so "Jan" leaves "Janssens" alone. */
function wordPattern(word: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, 'giu');
}

/**
 * Builds the redactor for one case. Workflow history and the notification
 * log hold free text written by clerks (a cancellation reason) or by mail
 * servers (an SMTP error that quotes the address), so the audit passes every
 * such text through this. It removes any e-mail address, any long number,
 * and the citizen's own names and street as stored in the case record.
 */
export function createRedactor(record: Pick<CaseRecord, 'citizen' | 'contact'> | null): Redactor {
  const words = [record?.citizen.firstName, record?.citizen.lastName, record?.contact.address?.street]
    .filter((word): word is string => typeof word === 'string' && word.trim().length >= 2)
    .map((word) => word.trim())
    // Longer words first, so "Van den Berghe" is removed whole before "Van" could match.
    .sort((a, b) => b.length - a.length)
    .map(wordPattern);

  return (text) => {
    if (text === null || text === undefined) {
      return null;
    }
    let redacted = text.replace(emailPattern, redactedMarker).replace(longNumberPattern, redactedMarker);
    for (const pattern of words) {
      redacted = redacted.replace(pattern, redactedMarker);
    }
    return redacted;
  };
}
