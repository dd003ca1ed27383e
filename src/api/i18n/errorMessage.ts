import { errorMessagesNl } from '../errorMessages';
import { defaultErrorMessageLanguage, type ErrorMessageLanguage } from './errorLanguage';
import { errorMessagesEn } from './errorMessagesEn';
import { errorMessagesFr } from './errorMessagesFr';

/** Error messages per language. Every code of `errorMessagesNl` needs a French and an English text; a test checks that. */
export const errorMessages: Record<ErrorMessageLanguage, Record<string, string>> = {
  nl: errorMessagesNl,
  fr: errorMessagesFr,
  en: errorMessagesEn,
};

/**
 * Returns the message for an error code in the language, or the Dutch one
 * when that language lacks it. An unknown code gets the message of
 * `internal_error`, so a client never sees an empty message.
 */
export function errorMessage(code: string, language: ErrorMessageLanguage): string {
  return (
    lookUp(errorMessages[language], code) ??
    lookUp(errorMessages[defaultErrorMessageLanguage], code) ??
    lookUp(errorMessages[language], 'internal_error') ??
    code
  );
}

// A plain `table[code]` would return Object.prototype members for codes such as "constructor".
function lookUp(table: Record<string, string>, code: string): string | undefined {
  return Object.hasOwn(table, code) ? table[code] : undefined;
}
