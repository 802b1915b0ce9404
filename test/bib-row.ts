import type { MaterialType } from "../src/catalogue/bib-fields.js";

/** A bibs row with a title and nothing else, for tests that write records straight to the table. */
export const bibRow = (institutionId: number, title: string, materialType: MaterialType, at: string) => ({
  institution_id: institutionId,
  title,
  author: null,
  publisher: null,
  publication_date: null,
  publication_year: null,
  edition: null,
  isbn: null,
  issn: null,
  language: null,
  material_type: materialType,
  extent: null,
  page_count: null,
  identifiers: "{}",
  created_at: at,
  updated_at: at,
});
