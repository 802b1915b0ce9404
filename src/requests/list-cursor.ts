import { invalid } from "../errors.js";

/*
 * The request list's cursors: opaque to callers, who pass back what they were given. A cursor
 * names the order it was made for, the row it starts from and the way it goes (the next page
 * follows the row, the previous page comes before it), so a cursor reused with another sort is
 * refused instead of answering a page that skips or repeats rows.
 */

export const LIST_ORDERS = ["created_desc", "created_asc", "due_asc", "due_desc"] as const;
export type ListOrder = (typeof LIST_ORDERS)[number];

/** The sort key of a row: its id, and its due date when the order is by due date. */
export interface ListKey {
  id: number;
  due: string | null;
}

export interface ListCursor {
  order: ListOrder;
  direction: "next" | "prev";
  key: ListKey;
}

export const encodeListCursor = (c: ListCursor): string =>
  Buffer.from(JSON.stringify({ o: c.order, d: c.direction, id: c.key.id, due: c.key.due })).toString("base64url");

const refused = () => invalid("cursor", "is not a cursor given out by this endpoint; start again without one");

export function decodeListCursor(cursor: string, order: ListOrder): ListCursor {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw refused();
  }
  if (typeof raw !== "object" || raw === null) throw refused();
  const v = raw as Record<string, unknown>;
  // Cursors given out before sorting existed: the next page, newest first.
  if (Object.keys(v).length === 1 && "after" in v) return decodeListCursor(encodeListCursor(legacy(v.after)), order);
  const id = v.id;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 1) throw refused();
  if (v.d !== "next" && v.d !== "prev") throw refused();
  if (!(LIST_ORDERS as readonly unknown[]).includes(v.o)) throw refused();
  if (v.o !== order) {
    throw invalid("cursor", `was given out for sort=${String(v.o)}, not sort=${order}; start again without one`);
  }
  const byDue = order === "due_asc" || order === "due_desc";
  if (byDue ? typeof v.due !== "string" || Number.isNaN(Date.parse(v.due)) : v.due !== null) throw refused();
  return { order, direction: v.d, key: { id, due: byDue ? (v.due as string) : null } };
}

function legacy(after: unknown): ListCursor {
  if (typeof after !== "number" || !Number.isSafeInteger(after) || after < 1) throw refused();
  return { order: "created_desc", direction: "next", key: { id: after, due: null } };
}

/** The same rows the other way round: the previous page is read backwards from its first row. */
export const reverseOrder: Record<ListOrder, ListOrder> = {
  created_desc: "created_asc",
  created_asc: "created_desc",
  due_asc: "due_desc",
  due_desc: "due_asc",
};
