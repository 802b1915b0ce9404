import type { Selectable } from "kysely";
import type { BibsTable } from "../db/schema.js";
import { parseIdentifiers } from "./bib-fields.js";
import type { HoldingRow } from "./holdings-repository.js";
import type { ItemRow } from "./items-repository.js";

/** The JSON the catalogue API answers with. Record ids go out as strings, as the reference platform's do. */

const mmsId = (bibId: number): string => String(bibId);

export const presentBib = (b: Selectable<BibsTable>) => ({
  mms_id: mmsId(b.id),
  title: b.title,
  author: b.author,
  publisher: b.publisher,
  publication_date: b.publication_date,
  publication_year: b.publication_year,
  edition: b.edition,
  isbn: b.isbn,
  issn: b.issn,
  language: b.language,
  material_type: b.material_type,
  extent: b.extent,
  page_count: b.page_count,
  identifiers: parseIdentifiers(b.identifiers),
  full_text_url: b.full_text_url,
  created_at: b.created_at,
  updated_at: b.updated_at,
});

const places = (r: HoldingRow | ItemRow) => ({
  library: { id: r.library_id, code: r.library_code, name: r.library_name },
  location: { id: r.location_id, code: r.location_code, name: r.location_name },
});

export const presentHolding = (h: HoldingRow) => ({
  id: h.id,
  mms_id: mmsId(h.bib_id),
  ...places(h),
  call_number: h.call_number,
  summary_holdings: h.summary_holdings,
  created_at: h.created_at,
  updated_at: h.updated_at,
});

export const presentItem = (i: ItemRow) => ({
  id: i.id,
  mms_id: mmsId(i.bib_id),
  holding_id: i.holding_id,
  ...places(i),
  barcode: i.barcode,
  description: i.description,
  item_policy: i.item_policy,
  material_type: i.material_type,
  page_count: i.page_count,
  process_status: i.process_status,
  created_at: i.created_at,
  updated_at: i.updated_at,
});

export function presentBibWithInventory(v: { bib: Selectable<BibsTable>; holdings: HoldingRow[]; items: ItemRow[] }) {
  return {
    ...presentBib(v.bib),
    holdings: v.holdings.map((h) => ({
      ...presentHolding(h),
      items: v.items.filter((i) => i.holding_id === h.id).map(presentItem),
    })),
  };
}
