import { parseSafeXml, toJson, XmlReadError } from "../../shared/safe-xml.js";
import { CsvSyntaxError, readCsv } from "./read-csv.js";
import { COLUMNS, type Column, type ImportProblem, type RawRecord } from "./records.js";

/**
 * A bulk-load file into records: CSV with a header row naming the columns (docs/user-import.md),
 * or the reference platform's user XML (<users> of <user>, or one <user>). A file that cannot be
 * read as a whole gives one problem at row 0 (or at the header's line) and no records, so a
 * mistyped column never loads half a field.
 */
export function readUserFile(file: string, bytes: Uint8Array): FileRead {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fileProblem(file, 0, "The file is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in a spreadsheet).");
  }
  if (
    text
      .replace(/^\ufeff/, "")
      .trimStart()
      .startsWith("<")
  )
    return readUserXml(file, text);
  return readUserCsv(file, text);
}

interface FileRead {
  records: RawRecord[];
  problems: ImportProblem[];
  /** false when the file could not be read as a whole (and gave no records) */
  whole: boolean;
}

const fileProblem = (file: string, row: number, reason: string, field: string | null = null): FileRead => ({
  records: [],
  problems: [{ file, row, field, reason }],
  whole: false,
});

const isColumn = (name: string): name is Column => (COLUMNS as readonly string[]).includes(name);

function readUserCsv(file: string, text: string): FileRead {
  let rows;
  try {
    rows = readCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) return fileProblem(file, err.line, err.message);
    throw err;
  }
  const [header, ...body] = rows;
  if (!header) return fileProblem(file, 0, "The file is empty; it needs a header row and a row per user.");
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const unknown = names.find((n) => !isColumn(n));
  if (unknown !== undefined) {
    return fileProblem(
      file,
      header.line,
      `"${unknown}" is not a column Recto reads; the columns are ${COLUMNS.join(", ")}.`,
      unknown,
    );
  }
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) return fileProblem(file, header.line, `The column ${twice} is named twice.`, twice);
  if (!names.includes("primary_id")) return fileProblem(file, header.line, "The header has no primary_id column.");
  const records: RawRecord[] = [];
  for (const row of body) {
    const values: RawRecord["values"] = {};
    if (row.cells.length > names.length) {
      const id = row.cells[names.indexOf("primary_id")]?.trim();
      if (id) values.primary_id = id;
      const unreadable = `The row has ${row.cells.length} cells; the header names ${names.length} columns.`;
      records.push({ file, row: row.line, values, unreadable });
      continue;
    }
    row.cells.forEach((cell, i) => {
      if (cell.trim() !== "") values[names[i] as Column] = cell;
    });
    records.push({ file, row: row.line, values });
  }
  return { records, problems: [], whole: true };
}

const USER_LISTS = new Set([
  "users.user",
  "users.user.contact_info.emails.email",
  "user.contact_info.emails.email",
  "users.user.user_identifiers.user_identifier",
  "user.user_identifiers.user_identifier",
]);

type XmlNode = Record<string, unknown>;
const asNode = (v: unknown): XmlNode => (typeof v === "object" && v !== null ? (v as XmlNode) : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** A code element's value: `<user_group desc="Undergraduate">UNDERGRAD</user_group>` gives UNDERGRAD. */
function codeOf(node: unknown): string | undefined {
  if (node === undefined) return undefined;
  const v = toJson(node);
  const text = typeof v === "string" ? v : typeof v === "object" && v !== null && "value" in v ? String(v.value) : "";
  return text.trim() === "" ? undefined : text;
}

/** The preferred email, else the first. */
function emailOf(user: XmlNode): string | undefined {
  const emails = asList(asNode(asNode(user.contact_info).emails).email).map(asNode);
  const chosen = emails.find((e) => e["@_preferred"] === "true") ?? emails[0];
  return chosen ? codeOf(chosen.email_address) : undefined;
}

/** The library card: the user identifier of type BARCODE. */
function barcodeOf(user: XmlNode): string | undefined {
  const ids = asList(asNode(user.user_identifiers).user_identifier).map(asNode);
  const card = ids.find((i) => codeOf(i.id_type)?.toUpperCase() === "BARCODE");
  return card ? codeOf(card.value) : undefined;
}

function readUserXml(file: string, text: string): FileRead {
  let parsed;
  try {
    parsed = parseSafeXml(text, ["users", "user"], (jpath) => USER_LISTS.has(jpath));
  } catch (err) {
    if (err instanceof XmlReadError) return fileProblem(file, 0, err.message);
    throw err;
  }
  const users = parsed.root === "users" ? asList(asNode(parsed.node).user) : [parsed.node];
  const records: RawRecord[] = users.map((u, i) => {
    const user = asNode(u);
    const values: RawRecord["values"] = {
      primary_id: codeOf(user.primary_id),
      first_name: codeOf(user.first_name),
      last_name: codeOf(user.last_name),
      email: emailOf(user),
      user_group: codeOf(user.user_group),
      preferred_language: codeOf(user.preferred_language),
      expiry_date: codeOf(user.expiry_date),
      status: codeOf(user.status),
      barcode: barcodeOf(user),
    };
    for (const key of COLUMNS) if (values[key] === undefined) delete values[key];
    return { file, row: i + 1, values };
  });
  return { records, problems: [], whole: true };
}
