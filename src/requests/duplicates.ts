import type { Actor } from "../auth/actor.js";
import type { Db, Executor } from "../db/database.js";
import { AppError } from "../errors.js";
import type { RequestForm } from "./form.js";
import { comparePages, parsePageNumber } from "./page-numbers.js";
import { mayCheckDuplicatesFor } from "./policy.js";
import { openOrRecentOnTitle } from "./repository.js";
import { findItemByDescription, findItemOfBib } from "../catalogue/items-repository.js";
import { findBib } from "../catalogue/bibs-repository.js";
import { findPatron } from "../people/users-repository.js";

/*
 * The duplicate warning (issue 11, item 4): before a patron submits, Recto names their open or
 * recent requests for the same item (or the same title, when either asks for the title) whose
 * pages overlap, or that have no pages (a whole item or a chapter). "Recent" is
 * DUPLICATE_WINDOW_DAYS. The patron may still submit: placement records that they were warned.
 */

export const DUPLICATE_WINDOW_DAYS = 30;

type Range = { from_page: string; to_page: string };

function rangesOf(form: Partial<RequestForm>): Range[] | null {
  if (form.partial_digitization === false) return null;
  return form.required_pages_range?.length ? form.required_pages_range : null;
}

/** Whether two sets of page ranges share a page; no ranges means the whole item or unknown pages. */
export function pagesOverlap(a: Range[] | null, b: Range[] | null): boolean {
  if (!a || !b) return true;
  return a.some((x) =>
    b.some((y) => {
      const [xf, xt, yf, yt] = [x.from_page, x.to_page, y.from_page, y.to_page].map(parsePageNumber);
      if (!xf || !xt || !yf || !yt) return true;
      return comparePages(xf, yt) <= 0 && comparePages(yf, xt) <= 0;
    }),
  );
}

/** Where "recent" begins: requests placed since then may be duplicates even when closed. */
export const duplicatesSince = (now: Date): string =>
  new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000).toISOString();

export interface Duplicate {
  id: number;
  state: string;
  requestDate: string;
  itemDescription: string | null;
  ranges: Range[] | null;
}

export async function findDuplicates(
  db: Executor,
  patronId: number,
  bibId: number,
  itemId: number | null,
  form: Partial<RequestForm>,
  now: Date,
): Promise<Duplicate[]> {
  const rows = await openOrRecentOnTitle(db, patronId, bibId, duplicatesSince(now));
  const mine = rangesOf(form);
  return rows
    .filter((r) => itemId === null || r.item_id === null || r.item_id === itemId)
    .map((r) => ({ row: r, form: JSON.parse(r.form) as RequestForm }))
    .filter(({ form: other }) => pagesOverlap(mine, rangesOf(other)))
    .map(({ row, form: other }) => ({
      id: row.id,
      state: row.state,
      requestDate: row.request_date,
      itemDescription: row.item_description,
      ranges: rangesOf(other),
    }));
}

/** The duplicate check endpoint: the request the caller is about to place, before placing it. */
export async function checkDuplicates(
  db: Db,
  actor: Actor,
  input: { userId: number; mmsId: number; itemId: number | null; form: Partial<RequestForm> },
  now: Date,
): Promise<Duplicate[]> {
  if (!mayCheckDuplicatesFor(actor, input.userId)) {
    throw new AppError("NOT_FOUND", { say: (m) => m.notFound.user });
  }
  const patron = await findPatron(db, actor.institutionId, input.userId);
  if (!patron) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.user });
  const bib = await findBib(db, actor.institutionId, input.mmsId);
  if (!bib) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.title });
  let itemId: number | null = null;
  if (input.itemId != null) {
    const item = await findItemOfBib(db, bib.id, input.itemId);
    if (!item) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.item });
    itemId = item.id;
  } else if (input.form.description) {
    itemId = (await findItemByDescription(db, bib.id, input.form.description))?.id ?? null;
  }
  return findDuplicates(db, patron.id, bib.id, itemId, input.form, now);
}
