import type { ImportReport } from "./import-report.js";

/** The import report as lines a person reads at the end of a run (CLI) or in a job's log. */
export function summaryLines(r: ImportReport): string[] {
  const lines: string[] = [];
  lines.push(
    `${r.dry_run ? "Dry run (nothing was written)" : "Import"} with profile ${r.profile}: ${r.records_read} record(s) read from ${r.files.length} file(s), ${r.records_skipped} skipped.`,
  );
  const would = r.dry_run ? "would be " : "";
  lines.push(
    `Records: ${r.bibs_created} ${would}created, ${r.bibs_updated} ${would}updated, ${r.bibs_unchanged} unchanged.`,
  );
  lines.push(
    `Holdings: ${r.holdings_created} ${would}created, ${r.holdings_updated} ${would}updated. Items: ${r.items_created} ${would}created, ${r.items_updated} ${would}updated, ${r.items_unchanged} unchanged, ${r.items_skipped} not imported.`,
  );
  if (r.created_libraries.length) lines.push(`Libraries ${would}created: ${r.created_libraries.join(", ")}`);
  if (r.created_locations.length) lines.push(`Locations ${would}created: ${r.created_locations.join(", ")}`);
  const unknown = (m: Record<string, number>) =>
    Object.entries(m)
      .map(([code, n]) => `${code} (${n} item(s))`)
      .join(", ");
  if (Object.keys(r.unknown_libraries).length) lines.push(`Unknown libraries: ${unknown(r.unknown_libraries)}`);
  if (Object.keys(r.unknown_locations).length) lines.push(`Unknown locations: ${unknown(r.unknown_locations)}`);
  const unknownCount = Object.keys(r.unknown_libraries).length + Object.keys(r.unknown_locations).length;
  if (unknownCount && !r.dry_run)
    lines.push("Items in unknown places were not imported; --create-missing creates the places.");
  for (const c of r.changes)
    lines.push(`${c.file} record ${c.record}: bib ${c.bib_id} ${would}updated (${c.fields.join(", ")})`);
  if (r.problems.length) {
    lines.push(`${r.problems.length} problem(s):`);
    for (const p of r.problems)
      lines.push(`  ${p.file}${p.record === null ? "" : ` record ${p.record}`}: ${p.message}`);
  }
  return lines;
}
