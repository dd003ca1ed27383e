import type { Language } from '../domain/languages';

const locales: Record<Language, string> = { nl: 'nl-BE', fr: 'fr-BE', de: 'de-BE', en: 'en-GB' };

// Building an Intl.DateTimeFormat loads locale data and costs far more than formatting, so each is built once.
const formatters = new Map<Language, Intl.DateTimeFormat>();

function formatterFor(language: Language): Intl.DateTimeFormat {
  let formatter = formatters.get(language);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone: 'Europe/Brussels' });
    formatters.set(language, formatter);
  }
  return formatter;
}

/**
 * Formats a date as a citizen of that language reads it ("14 april 2026",
 * "14. April 2026"), in Belgian time.
 * NOTE: the French "août" has a letter outside GSM-7, so a French SMS with an August date goes out as UCS-2.
 */
export function formatDate(date: Date, language: Language): string {
  return formatterFor(language).format(date);
}
