import { useMutation, useQueries, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Form } from "react-aria-components";
import { api, ApiError, unwrap } from "../../../shared/api/client";
import { ErrorSummary, type Problem } from "../../../shared/components/ErrorSummary";
import { Page } from "../../../shared/components/Page";
import { LoadFailed } from "../../../shared/components/Status";
import { useI18n } from "../../../shared/i18n";
import { navigate, type Place as Address } from "../../../shared/router";
import { meQuery } from "../../../shared/session-queries";
import { useTexts } from "../../../shared/texts";
import { staffPath } from "../../screens";
import { fieldId, initialForm, toBody, type PlanAnswer, type PlanForm } from "./plan-form";
import { PlanningQuestions } from "./PlanningQuestions";
import { Proposal } from "./Proposal";
import { planningText } from "./text";
import "./planning.css";

/**
 * Setup step 1: the guide's planning questions. "Review" asks the server for a dry run, whose
 * changes are the proposal; "Confirm" sends the same answers for real and moves on to the
 * readiness check. Refused answers come back field by field and keep everything typed.
 */
export function PlanningPage({ place }: { place: Address }) {
  const x = useTexts(planningText);
  const { t } = useI18n();
  const results = useQueries({
    queries: [
      { queryKey: ["libraries"], queryFn: () => unwrap(api.GET("/api/v1/libraries")) },
      { queryKey: ["printers"], queryFn: () => unwrap(api.GET("/api/v1/printers")) },
      { queryKey: ["user-groups"], queryFn: () => unwrap(api.GET("/api/v1/user-groups")) },
      {
        queryKey: ["users", "staff-choice"],
        queryFn: () => unwrap(api.GET("/api/v1/users", { params: { query: { limit: 100 } } })),
      },
      { queryKey: ["approval-reasons"], queryFn: () => unwrap(api.GET("/api/v1/approval-reasons")) },
      meQuery,
    ],
  });
  const [libraries, printers, groups, users, reasons, me] = results;
  const failed = results.some((r) => r.isError);
  const ready = results.every((r) => r.isSuccess);
  return (
    <Page title={x.title}>
      <p className="lead">{x.intro}</p>
      {failed && <LoadFailed retry={() => results.forEach((r) => void r.refetch())} />}
      {!failed && !ready && <p className="loading">{t.loading}</p>}
      {ready && (
        <Planning
          place={place}
          initial={initialForm({
            libraries: libraries.data!.libraries,
            printers: printers.data!.printers,
            groups: groups.data!.user_groups,
            me: me.data?.user_id ?? null,
          })}
          users={users.data!.users.filter((u) => u.status === "ACTIVE")}
          reasons={reasons.data!.approval_reasons.filter((r) => r.active)}
        />
      )}
    </Page>
  );
}

type Users = { id: number; primary_id: string; first_name: string; last_name: string }[];
type Reasons = { code: string; label: string }[];

function Planning(props: { place: Address; initial: PlanForm; users: Users; reasons: Reasons }) {
  const x = useTexts(planningText);
  const queryClient = useQueryClient();
  const [form, setForm] = useState(props.initial);
  const [proposal, setProposal] = useState<PlanAnswer | null>(null);
  const [problems, setProblems] = useState<{ field: string; message: string }[]>([]);
  const send = useMutation({
    mutationFn: (dryRun: boolean) => unwrap(api.POST("/api/v1/setup/plan", { body: toBody(form, dryRun) })),
    onMutate: () => setProblems([]),
    onSuccess: (answer) => {
      if (answer.dry_run) {
        setProposal(answer);
        return;
      }
      void queryClient.invalidateQueries();
      navigate(staffPath(props.place, "/setup/readiness"));
    },
    onError: (e) => {
      setProposal(null);
      setProblems(
        e instanceof ApiError && e.fields.length > 0
          ? e.fields
          : [{ field: "", message: e instanceof Error ? e.message : String(e) }],
      );
    },
  });
  const errorOf = (path: string) => problems.find((p) => p.field === path)?.message;
  const summary: Problem[] = problems.map((p) =>
    p.field ? { field: fieldId(p.field), message: p.message } : { message: p.message },
  );
  if (proposal) {
    return (
      <Proposal
        answer={proposal}
        pending={send.isPending}
        confirm={() => send.mutate(false)}
        back={() => setProposal(null)}
      />
    );
  }
  return (
    <Form
      className="planning"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate(true);
      }}
    >
      {/* isDisabled, not isPending: the button is gone when the answer comes, and its pending announcement
          would be left naming it */}
      <ErrorSummary problems={summary} />
      <PlanningQuestions
        form={form}
        change={(patch) => setForm((f) => ({ ...f, ...patch }))}
        errorOf={errorOf}
        users={props.users}
        reasons={props.reasons}
      />
      <p>
        <Button type="submit" className="button" isDisabled={send.isPending}>
          {send.isPending ? x.reviewing : x.review}
        </Button>
      </p>
    </Form>
  );
}
