import { invalid } from "../errors.js";

/**
 * Opaque keyset cursors over an id: callers pass back what they were given and never build one,
 * so the paging key can change without breaking integrations. Whether the next page lies above
 * or below the id is the endpoint's ordering.
 */
export const encodeCursor = (lastId: number): string =>
  Buffer.from(JSON.stringify({ after: lastId })).toString("base64url");

export function decodeCursor(cursor: string | undefined): number | null {
  if (cursor === undefined) return null;
  try {
    const { after } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { after?: unknown };
    if (typeof after === "number" && Number.isSafeInteger(after) && after > 0) return after;
  } catch {
    // falls through to the same answer as a well-formed cursor with a bad key
  }
  throw invalid(
    "cursor",
    "is not a cursor given out by this endpoint; start again without one",
    (m) => m.fields.cursor,
  );
}
