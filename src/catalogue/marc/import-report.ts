/** What an import did, record by record and in totals: answered by the API and printed by the CLI. */

interface ImportProblem {
  file: string;
  /** the record's position in its file, from 1; null for a problem of the whole file */
  record: number | null;
  message: string;
}

export interface ImportReport {
  dry_run: boolean;
  profile: string;
  files: { name: string; format: string | null; records: number }[];
  records_read: number;
  records_skipped: number;
  bibs_created: number;
  bibs_updated: number;
  bibs_unchanged: number;
  holdings_created: number;
  holdings_updated: number;
  items_created: number;
  items_updated: number;
  items_unchanged: number;
  items_skipped: number;
  /** codes created (or, in a dry run, that would be): "LIB" and "LIB/LOC" */
  created_libraries: string[];
  created_locations: string[];
  /** codes the items named that the institution lacks, with how many items they held back */
  unknown_libraries: Record<string, number>;
  unknown_locations: Record<string, number>;
  /** per updated bib, which fields changed (the first 100) */
  changes: { file: string; record: number; bib_id: number; fields: string[] }[];
  problems: ImportProblem[];
}

export const emptyReport = (profile: string, dryRun: boolean): ImportReport => ({
  dry_run: dryRun,
  profile,
  files: [],
  records_read: 0,
  records_skipped: 0,
  bibs_created: 0,
  bibs_updated: 0,
  bibs_unchanged: 0,
  holdings_created: 0,
  holdings_updated: 0,
  items_created: 0,
  items_updated: 0,
  items_unchanged: 0,
  items_skipped: 0,
  created_libraries: [],
  created_locations: [],
  unknown_libraries: {},
  unknown_locations: {},
  changes: [],
  problems: [],
});

/** Whether anything was left out: the CLI's exit code and the job's summary use it. */
export const somethingSkipped = (r: ImportReport): boolean =>
  r.problems.length > 0 || r.records_skipped > 0 || r.items_skipped > 0;
