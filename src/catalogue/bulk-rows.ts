/** Rows per multi-row statement: well under both dialects' bound-parameter limits (SQLite 32,766, PostgreSQL 65,535). */
const BULK_ROWS = 500;

/** Runs `each` on the values in slices of BULK_ROWS, in order, and concatenates what they answer. */
export async function inSlices<T, R>(values: T[], each: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += BULK_ROWS) out.push(...(await each(values.slice(i, i + BULK_ROWS))));
  return out;
}

/**
 * The ids a multi-row INSERT returned, in the order of its VALUES rows. They come from one
 * sequence (rowid, serial) taken row by row in that order, so sorting restores it whatever order
 * the database returns them in.
 */
export const idsInRowOrder = (returned: { id: number }[]): number[] => returned.map((r) => r.id).sort((a, b) => a - b);
