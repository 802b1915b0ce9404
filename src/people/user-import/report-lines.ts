import type { ImportUsersReport } from "./import-users.js";

/** A load's report as the command prints it: the counts, then a line per problem (file:row field: reason). */
export function reportLines(r: ImportUsersReport): string[] {
  const lead = r.dry_run ? "Dry run, nothing written: would have" : "Users";
  return [
    `${lead} created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, expired ${r.expired}; ${r.skipped} of ${r.records} records left out.`,
    ...r.problems.map((p) => `${p.file}:${p.row}${p.field ? ` ${p.field}` : ""}: ${p.reason}`),
  ];
}
