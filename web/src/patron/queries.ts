import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../shared/api/client";

/** Server state of the patron pages, one query per API answer (TanStack Query caches and shares them). */

export { institutionQuery, meQuery } from "../shared/session-queries";

export const librariesQuery = queryOptions({
  queryKey: ["libraries"],
  queryFn: () => unwrap(api.GET("/api/v1/libraries")),
  staleTime: 5 * 60_000,
});

export interface SearchParams {
  q: string;
  field: SearchField;
  library: string;
  type: string;
  cursor: string | null;
}
export const SEARCH_FIELDS = ["any", "title", "author", "isbn", "issn"] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** The API's query language (src/catalogue/search-query.ts): a field prefix applies to the words after it. */
export function apiQuery(q: string, field: SearchField): string {
  return field === "any" ? q : `${field}:${q}`;
}

export const PAGE_SIZE = 10;

export const searchQuery = (p: SearchParams) =>
  queryOptions({
    queryKey: ["search", p],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/bibs", {
          params: {
            query: {
              q: apiQuery(p.q, p.field),
              limit: PAGE_SIZE,
              ...(p.cursor ? { cursor: p.cursor } : {}),
              ...(p.library ? { library: p.library } : {}),
              ...(p.type ? { material_type: p.type as never } : {}),
            },
          },
        }),
      ),
    retry: false,
  });

export const titleQuery = (mmsId: string) =>
  queryOptions({
    queryKey: ["title", mmsId],
    queryFn: () => unwrap(api.GET("/api/v1/bibs/{mms_id}", { params: { path: { mms_id: mmsId } } })),
    retry: false,
  });

/** Every service and why it is or is not offered to the signed-in patron (DOMAIN 4 and 10). */
export const explainQuery = (mmsId: string) =>
  queryOptions({
    queryKey: ["explain", mmsId],
    queryFn: () => unwrap(api.GET("/api/v1/explain", { params: { query: { mms_id: Number(mmsId) } } })),
    retry: false,
  });

/** The services offered on a title, for a search result's one line. */
export const optionsQuery = (mmsId: string) =>
  queryOptions({
    queryKey: ["options", mmsId],
    queryFn: () =>
      unwrap(api.GET("/api/v1/bibs/{mms_id}/request-options", { params: { path: { mms_id: Number(mmsId) } } })),
    staleTime: 60_000,
    retry: false,
  });

export { requestFormQuery } from "../shared/request-form/queries";
