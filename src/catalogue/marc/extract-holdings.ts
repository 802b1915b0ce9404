import type { ImportProfile } from "./import-profiles.js";
import { controlValue, dataFields, firstSubfield, subfieldValues, type DataField, type MarcRecord } from "./record.js";
import { trimPunctuation } from "./extract-fields.js";

/** The holdings and items a record carries under an import profile, pure. */

interface ItemSpec {
  barcode: string;
  itemType: string | null;
  description: string | null;
}

export interface HoldingSpec {
  libraryCode: string;
  locationCode: string;
  callNumber: string | null;
  summary: string | null;
  items: ItemSpec[];
}

export interface RecordHoldings {
  holdings: HoldingSpec[];
  /** fields that could not become an item, each said in a sentence */
  problems: string[];
}

const clean = (v: string | null | undefined): string | null => {
  const s = v?.trim();
  return s ? s : null;
};

/** Items of one library, location and call number share a holding. */
function holdingFor(out: HoldingSpec[], libraryCode: string, locationCode: string, callNumber: string | null) {
  let h = out.find(
    (x) => x.libraryCode === libraryCode && x.locationCode === locationCode && x.callNumber === callNumber,
  );
  if (!h) {
    h = { libraryCode, locationCode, callNumber, summary: null, items: [] };
    out.push(h);
  }
  return h;
}

function fromItemTag(rec: MarcRecord, profile: ImportProfile, out: RecordHoldings): void {
  const map = profile.itemTag;
  if (!map) return;
  dataFields(rec, map.tag).forEach((f, index) => {
    const where = `${map.tag} #${index + 1}`;
    const value = (code: string | null) => (code ? clean(firstSubfield(f, code)) : null);
    const barcode = value(map.barcode);
    const library = value(map.library);
    const location = value(map.location);
    const missing = [
      barcode ? null : `barcode ($${map.barcode})`,
      library ? null : `library ($${map.library})`,
      location ? null : `location ($${map.location})`,
    ].filter(Boolean);
    if (missing.length > 0 || !barcode || !library || !location) {
      out.problems.push(`item field ${where} has no ${missing.join(", no ")}; the item was not imported`);
      return;
    }
    holdingFor(out.holdings, library, location, value(map.callNumber)).items.push({
      barcode,
      itemType: value(map.itemType),
      description: value(map.description),
    });
  });
}

function callNumberOf(f: DataField): string | null {
  const parts = subfieldValues(f, "hijklm").map((s) => s.trim());
  return parts.length ? trimPunctuation(parts.join(" ")) || null : null;
}

/** 852 in a bibliographic or MFHD record; the MFHD's 866 $a is the summary holdings statement. */
export function from852(rec: MarcRecord, out: RecordHoldings): void {
  const summary = clean(
    dataFields(rec, "866")
      .flatMap((f) => subfieldValues(f, "a"))
      .join("; "),
  );
  dataFields(rec, "852").forEach((f, index) => {
    const library = clean(firstSubfield(f, "b"));
    const location = clean(firstSubfield(f, "c"));
    if (!library || !location) {
      out.problems.push(
        `holdings field 852 #${index + 1} has no ${library ? "location ($c)" : "library ($b)"}; it was not imported`,
      );
      return;
    }
    const h = holdingFor(out.holdings, library, location, callNumberOf(f));
    h.summary ??= summary;
    for (const barcode of subfieldValues(f, "p")
      .map((s) => s.trim())
      .filter(Boolean)) {
      h.items.push({ barcode, itemType: null, description: clean(firstSubfield(f, "3")) });
    }
  });
}

export function holdingsOf(rec: MarcRecord, profile: ImportProfile): RecordHoldings {
  const out: RecordHoldings = { holdings: [], problems: [] };
  fromItemTag(rec, profile, out);
  if (profile.holdings852) from852(rec, out);
  return out;
}

/** The 001 of the bibliographic record an MFHD record belongs to. */
export const mfhdTarget = (rec: MarcRecord): string | null => clean(controlValue(rec, "004"));
