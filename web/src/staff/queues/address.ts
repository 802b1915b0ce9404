import type { Place } from "../../shared/router";
import { staffPath } from "../screens";

/*
 * What the queue screen shows lives in the address (UI.md: lists remember their filters and
 * sort in the address): a filtered queue can be bookmarked and shared, and the back button
 * goes back to the queue, filters or page seen before.
 */

export const QUEUES = ["pick", "transit", "scan_in", "digitization", "approval", "copyright", "deliver"] as const;
export type QueueName = (typeof QUEUES)[number];
export const SORTS = ["created_desc", "created_asc", "due_asc", "due_desc"] as const;
export type Sort = (typeof SORTS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;

export interface QueueView {
  queue: QueueName;
  library: string;
  from: string;
  to: string;
  patron: string;
  course: string;
  sort: Sort;
  per: number;
  cursor: string | null;
}

export type Filters = Pick<QueueView, "library" | "from" | "to" | "patron" | "course" | "sort" | "per">;

const oneOf = <T extends string>(values: readonly T[], v: string | null, fallback: T): T =>
  values.includes(v as T) ? (v as T) : fallback;

export function readView(search: URLSearchParams): QueueView {
  const per = Number(search.get("per"));
  return {
    queue: oneOf(QUEUES, search.get("queue"), "pick"),
    library: search.get("library") ?? "",
    from: search.get("from") ?? "",
    to: search.get("to") ?? "",
    patron: search.get("patron") ?? "",
    course: search.get("course") ?? "",
    sort: oneOf(SORTS, search.get("sort"), "created_desc"),
    per: (PAGE_SIZES as readonly number[]).includes(per) ? per : 50,
    cursor: search.get("cursor"),
  };
}

/** The address of a view; defaults are left out so that plain queues have plain addresses. */
export function viewHref(place: Place, v: QueueView): string {
  const p = new URLSearchParams();
  if (v.queue !== "pick") p.set("queue", v.queue);
  for (const key of ["library", "from", "to", "patron", "course"] as const)
    if (v[key].trim()) p.set(key, v[key].trim());
  if (v.sort !== "created_desc") p.set("sort", v.sort);
  if (v.per !== 50) p.set("per", String(v.per));
  if (v.cursor) p.set("cursor", v.cursor);
  const query = p.toString();
  return `${staffPath(place, "/")}${query ? `?${query}` : ""}`;
}

export const hasFilters = (v: QueueView): boolean => Boolean(v.library || v.from || v.to || v.patron || v.course);
