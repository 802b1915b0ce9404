import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../../shared/api/client";
import type { paths } from "../../shared/api/schema";
import type { QueueView } from "./address";

/** The queue screen's server state: the counts of every queue, and the page of the one shown. */

export type QueueRequest =
  paths["/api/v1/requests"]["get"]["responses"][200]["content"]["application/json"]["requests"][number];

export const queueCountsQuery = (place: string | null) =>
  queryOptions({
    queryKey: ["queue-counts", place],
    queryFn: () => unwrap(api.GET("/api/v1/requests/queues", { params: { query: place ? { place } : {} } })),
    retry: false,
  });

export const queuePageQuery = (place: string | null, v: QueueView) =>
  queryOptions({
    queryKey: ["queue-page", place, v],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/requests", {
          params: {
            query: {
              queue: v.queue,
              sort: v.sort,
              limit: v.per,
              ...(place ? { place } : {}),
              ...(v.library ? { library: v.library } : {}),
              ...(v.from ? { from: v.from } : {}),
              ...(v.to ? { to: v.to } : {}),
              ...(v.patron ? { user_id: v.patron } : {}),
              ...(v.course ? { course: v.course } : {}),
              ...(v.cursor ? { cursor: v.cursor } : {}),
            },
          },
        }),
      ),
    retry: false,
  });

export const librariesQuery = queryOptions({
  queryKey: ["libraries"],
  queryFn: () => unwrap(api.GET("/api/v1/libraries", {})),
  staleTime: 300_000,
  retry: false,
});
