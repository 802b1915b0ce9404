import type { Id, Timestamp, Json, Optional } from "./columns.js";

export interface BibsTable {
  id: Id;
  institution_id: number;
  title: string;
  author: string | null;
  publisher: string | null;
  publication_date: string | null;
  publication_year: number | null;
  edition: string | null;
  isbn: string | null;
  issn: string | null;
  language: string | null;
  material_type: string;
  extent: string | null;
  page_count: number | null;
  identifiers: Json;
  /** 245 $c (008_marc_import) */
  statement_of_responsibility: Optional<string>;
  /** subject headings (6XX), one per line, for search (indexed by 009_catalogue_search); written by the MARC importer */
  subjects: Optional<string>;
  /** the imported MARC record as MARC-in-JSON */
  marc: Optional<Json>;
  /** what a re-import matches on (see recordKey in catalogue/marc/extract-fields.ts) */
  record_key: Optional<string>;
  /** the 001 as imported, which MFHD holdings records point to from their 004 */
  control_number: Optional<string>;
  /** where the full text is online (856 of the record, or entered by staff); display logic's full_text_online (012) */
  full_text_url: Optional<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HoldingsTable {
  id: Id;
  institution_id: number;
  bib_id: number;
  library_id: number;
  location_id: number;
  call_number: string | null;
  summary_holdings: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ProcessStatus = "IN_PLACE" | "ON_LOAN" | "MISSING" | "IN_TRANSIT" | "IN_DIGITIZATION";

export interface ItemsTable {
  id: Id;
  institution_id: number;
  bib_id: number;
  holding_id: number;
  library_id: number;
  location_id: number;
  barcode: string;
  item_policy: string | null;
  material_type: string | null;
  description: string | null;
  page_count: number | null;
  process_status: ProcessStatus;
  created_at: Timestamp;
  updated_at: Timestamp;
}
