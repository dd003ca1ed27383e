import type { Request } from 'express';

/** Languages of API error messages. Dutch is the default, because the office works in Dutch. */
export const errorMessageLanguages = ['nl', 'fr', 'en'] as const;

export type ErrorMessageLanguage = (typeof errorMessageLanguages)[number];

export const defaultErrorMessageLanguage: ErrorMessageLanguage = 'nl';

/** Text of a message in every error message language. */
export type LocalizedText = Record<ErrorMessageLanguage, string>;

/**
 * Picks the error message language from the request's Accept-Language header.
 * Express negotiates with the `negotiator` package, which honours q-values and
 * matches a regional tag to its language, so `fr-BE,fr;q=0.9,nl;q=0.5` gives
 * French. Without the header, with `*`, or with only other languages, the
 * language is Dutch.
 */
export function errorLanguageFor(request: Request): ErrorMessageLanguage {
  const chosen = request.acceptsLanguages(...errorMessageLanguages);
  return chosen === false ? defaultErrorMessageLanguage : (chosen as ErrorMessageLanguage);
}
