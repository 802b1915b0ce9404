/** The material types of a title (DOMAIN 3): the catalogue stores them, rules test them. */
export const MATERIAL_TYPES = [
  "BOOK",
  "JOURNAL",
  "SCORE",
  "MAP",
  "SOUND_RECORDING",
  "VIDEO",
  "MANUSCRIPT",
  "THESIS",
  "GOVERNMENT_DOCUMENT",
  "OTHER",
] as const;
export type MaterialType = (typeof MATERIAL_TYPES)[number];
