/** Languages the templates exist in. Dutch is the default under Flemish language law. */
export const languages = ['nl', 'fr', 'de', 'en'] as const;

export type Language = (typeof languages)[number];

export const defaultLanguage: Language = 'nl';
