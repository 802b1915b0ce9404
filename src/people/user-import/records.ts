import { z } from "zod";
import { userFields } from "../user-fields.js";

/**
 * One patron record of a bulk load, whatever file it came from (CSV or the reference platform's
 * user XML), and the check of its values. The columns are documented in docs/user-import.md.
 */

export const COLUMNS = [
  "primary_id",
  "first_name",
  "last_name",
  "email",
  "user_group",
  "preferred_language",
  "expiry_date",
  "status",
  "barcode",
] as const;
export type Column = (typeof COLUMNS)[number];

/** A record as read: each value as text; a missing or empty value is left out. */
export interface RawRecord {
  file: string;
  /** the CSV line, or the XML record's position (1 = the first <user>) */
  row: number;
  values: Partial<Record<Column, string>>;
  /** why the row could not be read into values (its primary id, when readable, is still listed) */
  unreadable?: string;
}

/** A problem of a record (or of a whole file, with row 0), said so a person can fix the file. */
export interface ImportProblem {
  file: string;
  row: number;
  field: string | null;
  reason: string;
}

/** The values a record sets; a value left out keeps what the user has. */
export type RecordValues = Partial<{
  first_name: string;
  last_name: string;
  email: string;
  user_group: string;
  preferred_language: string;
  expiry_date: string;
  status: "ACTIVE" | "INACTIVE";
  barcode: string;
}> & { primary_id: string };

/**
 * The date forms campus systems write: 2027-06-30, the platform's 2027-06-30Z, or a full
 * timestamp (its date is taken as written, before any zone conversion).
 */
const dateOnly = (v: string) => /^(\d{4}-\d{2}-\d{2})(?:Z|[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(v)?.[1] ?? v;

const recordSchema = z.object({
  primary_id: userFields.primary_id,
  first_name: userFields.first_name.optional(),
  last_name: userFields.last_name.optional(),
  email: userFields.email.unwrap().optional(),
  user_group: z.string().trim().min(1).max(50, "must be at most 50 characters").optional(),
  preferred_language: userFields.preferred_language.unwrap().optional(),
  expiry_date: z
    .preprocess((v) => (typeof v === "string" ? dateOnly(v.trim()) : v), userFields.expiry_date.unwrap())
    .optional(),
  status: z
    .preprocess(
      (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
      z.enum(["ACTIVE", "INACTIVE"], { error: "must be ACTIVE or INACTIVE" }),
    )
    .optional(),
  barcode: userFields.barcode.unwrap().optional(),
});

/** Checks one record's values; returns them or the problems, one per field. */
export function checkRecord(raw: RawRecord): { values: RecordValues } | { problems: ImportProblem[] } {
  const parsed = recordSchema.safeParse(raw.values);
  if (parsed.success) return { values: parsed.data };
  const seen = new Set<string>();
  const problems: ImportProblem[] = [];
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "");
    if (seen.has(field)) continue;
    seen.add(field);
    const reason = field === "primary_id" && raw.values.primary_id === undefined ? "is required" : issue.message;
    problems.push({ file: raw.file, row: raw.row, field: field || null, reason });
  }
  return { problems };
}
