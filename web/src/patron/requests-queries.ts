import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../shared/api/client";
import type { paths } from "../shared/api/schema";

/** Server state of My requests and OpenURL (one query per API answer). */

export type PatronRequest = paths["/api/v1/requests/{id}"]["get"]["responses"][200]["content"]["application/json"];
export type Download =
  paths["/api/v1/requests/{id}/downloads"]["get"]["responses"][200]["content"]["application/json"]["downloads"][number];
export type Resolved = paths["/api/v1/openurl/resolve"]["get"]["responses"][200]["content"]["application/json"];

export const MY_REQUESTS_PAGE = 10;

/** The patron's own requests: staff who are patrons too see theirs, not the ones their roles reach. */
export const myRequestsQuery = (primaryId: string, cursor: string | null) =>
  queryOptions({
    queryKey: ["my-requests", primaryId, cursor],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/requests", {
          params: { query: { user_id: primaryId, limit: MY_REQUESTS_PAGE, ...(cursor ? { cursor } : {}) } as never },
        }),
      ),
    retry: false,
  });

export const requestQuery = (id: string) =>
  queryOptions({
    queryKey: ["request", id],
    queryFn: () => unwrap(api.GET("/api/v1/requests/{id}", { params: { path: { id: id as never } } })),
    retry: false,
  });

export const timelineQuery = (id: string) =>
  queryOptions({
    queryKey: ["timeline", id],
    queryFn: () => unwrap(api.GET("/api/v1/requests/{id}/timeline", { params: { path: { id: id as never } } })),
    retry: false,
  });

export const downloadsQuery = (id: string) =>
  queryOptions({
    queryKey: ["downloads", id],
    queryFn: () => unwrap(api.GET("/api/v1/requests/{id}/downloads", { params: { path: { id: Number(id) } } })),
    retry: false,
  });

export const downloadHref = (requestId: string, downloadId: string) =>
  `/api/v1/requests/${encodeURIComponent(requestId)}/downloads/${encodeURIComponent(downloadId)}/file`;

/** The OpenURL exactly as it came (its encoding is part of what is checked), resolved by the server. */
export const resolveQuery = (raw: string) =>
  queryOptions({
    queryKey: ["openurl", raw],
    queryFn: () => unwrap(api.GET("/api/v1/openurl/resolve", { querySerializer: () => raw })),
    retry: false,
    staleTime: 5 * 60_000,
  });
