import type { Generated } from "kysely";
import type { Id, Bool, Timestamp, Json } from "./columns.js";

export type MarcImportStatus = "QUEUED" | "RUNNING" | "DONE" | "FAILED";

/** A MARC import started from the API and run by the worker (008_marc_import). */
export interface MarcImportsTable {
  id: Id;
  institution_id: number;
  requested_by_user_id: number | null;
  status: MarcImportStatus;
  profile: string;
  dry_run: Bool;
  create_missing: Bool;
  /** [{ name, storage_key }] */
  files: Json;
  records_total: number;
  records_done: number;
  /** the ImportReport once finished */
  report: Json | null;
  error: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  /** the worker's last sign of life while RUNNING (016_import_heartbeat) */
  heartbeat_at: Timestamp | null;
  /** how many times a worker has started it (016_import_heartbeat) */
  attempts: Generated<number>;
}
