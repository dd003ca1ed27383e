/**
 * Typographic punctuation and the plain character that replaces it. None of
 * these is in the GSM 03.38 alphabet, so a single one would switch a whole SMS
 * to UCS-2, which carries 70 characters per segment instead of 160.
 * French guillemets take the no-break spaces inside them along.
 */
const replacements: ReadonlyArray<[RegExp, string]> = [
  [/«[ \u00a0\u202f]*/g, '"'],
  [/[ \u00a0\u202f]*»/g, '"'],
  [/[\u2018\u2019\u201a\u201b\u2032]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033]/g, '"'],
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u00a0\u2007\u2009\u202f]/g, ' '],
  [/\u00ad/g, ''],
];

/** Replaces typographic quotes, dashes, ellipses and special spaces with their plain ASCII forms. */
export function normaliseTypography(text: string): string {
  return replacements.reduce((result, [pattern, plain]) => result.replace(pattern, plain), text);
}

/**
 * Normalises the literal text of a handlebars template and leaves every
 * `{{...}}` expression as written. Values inserted at render time are never
 * touched, so a name such as Zoë D’Hondt reaches the citizen exactly as registered.
 */
export function normaliseTemplateText(source: string): string {
  return source
    .split(/(\{\{[\s\S]*?\}\})/)
    .map((part, index) => (index % 2 === 1 ? part : normaliseTypography(part)))
    .join('');
}
