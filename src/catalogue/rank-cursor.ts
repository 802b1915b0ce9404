import { invalid } from "../errors.js";

/**
 * Search results page on (rank, id): the relevance of the last row, then its id for ties. The
 * keys differ from the id cursor's ({after}), so neither endpoint mode accepts the other's.
 */
export const encodeRankCursor = (last: { rank: number; id: number }): string =>
  Buffer.from(JSON.stringify({ rank: last.rank, id: last.id })).toString("base64url");

export function decodeRankCursor(cursor: string | undefined): { rank: number; id: number } | null {
  if (cursor === undefined) return null;
  try {
    const { rank, id } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as {
      rank?: unknown;
      id?: unknown;
    };
    if (
      typeof rank === "number" &&
      Number.isFinite(rank) &&
      typeof id === "number" &&
      Number.isSafeInteger(id) &&
      id > 0
    ) {
      return { rank, id };
    }
  } catch {
    // falls through to the same answer as a well-formed cursor with bad keys
  }
  throw invalid("cursor", "is not a cursor given out by this search; start again without one", (m) => m.fields.cursor);
}
