/** Recognises a unique-constraint violation on either dialect, so callers can answer DUPLICATE. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === "23505" || e?.code === "SQLITE_CONSTRAINT_UNIQUE" || e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** A foreign-key violation: the row is still referenced (delete) or points nowhere (insert). */
export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: string };
  return e?.code === "23503" || e?.code === "SQLITE_CONSTRAINT_FOREIGNKEY";
}

/**
 * The database could not take a lock in time: SQLite's busy_timeout ran out while another
 * process (a separate `recto worker`, a second server) held the write lock, or PostgreSQL gave
 * up on a lock or picked this transaction as a deadlock or serialization victim. The
 * transaction was rolled back whole, so the caller may simply try again.
 */
export function isDatabaseBusy(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== "string") return false;
  return (
    code.startsWith("SQLITE_BUSY") ||
    code.startsWith("SQLITE_LOCKED") ||
    code === "55P03" || // lock_not_available
    code === "40P01" || // deadlock_detected
    code === "40001" // serialization_failure
  );
}
