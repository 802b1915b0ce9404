import { queryOptions, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, ApiError, unwrap } from "../../shared/api/client";
import type { paths } from "../../shared/api/schema";

/** The request's page reads: each one its own query, so an action refreshes only what it changed. */

export type StaffRequest = paths["/api/v1/requests/{id}"]["get"]["responses"][200]["content"]["application/json"];
const path = (id: string) => ({ params: { path: { id: id as never } } });

export const staffRequestQuery = (id: string) =>
  queryOptions({
    queryKey: ["staff-request", id],
    queryFn: () => unwrap(api.GET("/api/v1/requests/{id}", path(id))),
    retry: false,
  });

export const patronQuery = (id: string) =>
  queryOptions({
    queryKey: ["staff-request", id, "patron"],
    queryFn: () => unwrap(api.GET("/api/v1/requests/{id}/patron", path(id))),
    retry: false,
  });

export const historyQuery = (id: string) =>
  queryOptions({
    queryKey: ["staff-request", id, "history"],
    queryFn: () => unwrap(api.GET("/api/v1/requests/{id}/history", path(id))),
    retry: false,
  });

export const lettersQuery = (id: string) =>
  queryOptions({
    queryKey: ["staff-request", id, "letters"],
    queryFn: () => unwrap(api.GET("/api/v1/requests/{id}/letters", path(id))),
    retry: false,
  });

export const explainRequestQuery = (id: string) =>
  queryOptions({
    queryKey: ["staff-request", id, "explain"],
    queryFn: () => unwrap(api.GET("/api/v1/requests/{id}/explain", path(id))),
    retry: false,
  });

export const bibQuery = (mmsId: string) =>
  queryOptions({
    queryKey: ["title", mmsId],
    queryFn: () => unwrap(api.GET("/api/v1/bibs/{mms_id}", { params: { path: { mms_id: mmsId } } })),
    retry: false,
  });

export const approvalReasonsQuery = queryOptions({
  queryKey: ["approval-reasons"],
  queryFn: () => unwrap(api.GET("/api/v1/approval-reasons")),
  staleTime: 5 * 60_000,
  retry: false,
});

export interface Outcome {
  ok: boolean;
  message: string;
}

/**
 * Runs one action on the request: the answer (the request as it now is) replaces the page's copy,
 * the history and letters are read again, and the outcome, success or the server's refusal in its
 * own words, is kept for the live region beside the action. A refusal because the request moved on
 * meanwhile reads the page again, so what is shown is where the request stands now.
 */
export function useRequestAction(
  id: string,
  texts: { refused(why: string): string; failed: string; changedMeanwhile: string },
) {
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  async function run(work: () => Promise<unknown>, success: (answer: unknown) => string): Promise<boolean> {
    if (busy) return false;
    setBusy(true);
    setOutcome(null);
    try {
      const answer = await work();
      if (answer && typeof answer === "object" && "request_id" in answer && "allowed_actions" in answer)
        client.setQueryData(staffRequestQuery(id).queryKey, answer as StaffRequest);
      else await client.invalidateQueries({ queryKey: staffRequestQuery(id).queryKey, exact: true });
      void client.invalidateQueries({ queryKey: ["staff-request", id, "history"] });
      void client.invalidateQueries({ queryKey: ["staff-request", id, "letters"] });
      setOutcome({ ok: true, message: success(answer) });
      return true;
    } catch (err) {
      // Another person acted first: the page's copy is stale, so it is read again rather than
      // leaving the old state and its buttons on screen beside the refusal.
      const stale = err instanceof ApiError && err.code === "INVALID_STATE_TRANSITION";
      if (stale) void client.invalidateQueries({ queryKey: ["staff-request", id] });
      setOutcome({
        ok: false,
        message: stale ? texts.changedMeanwhile : err instanceof ApiError ? texts.refused(err.message) : texts.failed,
      });
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, outcome, setOutcome, run };
}
