import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button, Link } from "react-aria-components";
import { api, ApiError, unwrap, type FieldProblem } from "../../../shared/api/client";
import { ErrorSummary } from "../../../shared/components/ErrorSummary";
import { Field } from "../../../shared/components/Field";
import { Page } from "../../../shared/components/Page";
import { LoadFailed } from "../../../shared/components/Status";
import { useI18n } from "../../../shared/i18n";
import { navigate, type Place } from "../../../shared/router";
import { useTexts } from "../../../shared/texts";
import { staffPath } from "../../screens";
import { problemsOf, SaveRow, summaryOf, Tick } from "./form-parts";
import { problemsByField } from "./model";
import { reasonsQuery, type ApprovalReason } from "./queries";
import { rulesText } from "./text";
import "./rules.css";

/**
 * The approval reasons an automatic approval names (/staff/setup/approval-reasons[/<id>|/new]):
 * listed in order, added, edited and made inactive; a reason a rule names cannot be deleted, so
 * this screen deactivates instead.
 */
export function ReasonsRoute({ place, rest }: { place: Place; rest: string }) {
  const x = useTexts(rulesText);
  const { t } = useI18n();
  const query = useQuery(reasonsQuery);
  const base = staffPath(place, "/setup/approval-reasons");
  if (query.isPending) return <p className="loading">{t.loading}</p>;
  if (query.error) return <LoadFailed retry={() => void query.refetch()} />;
  const reasons = query.data.approval_reasons;
  const sub = /^\/([^/]+)$/.exec(rest)?.[1];
  if (sub === undefined) return <ReasonList reasons={reasons} base={base} />;
  const reason = sub === "new" ? null : reasons.find((r) => String(r.id) === sub);
  if (reason === undefined)
    return (
      <Page title={t.notFoundTitle}>
        <p>{x.notFound}</p>
      </Page>
    );
  return <ReasonForm key={sub} reason={reason} base={base} />;
}

function ReasonList(props: { reasons: ApprovalReason[]; base: string }) {
  const x = useTexts(rulesText);
  const queryClient = useQueryClient();
  const [message, setMessage] = useState("");
  const toggle = useMutation({
    mutationFn: (r: ApprovalReason) =>
      unwrap(
        api.PATCH("/api/v1/approval-reasons/{id}", { params: { path: { id: r.id } }, body: { active: !r.active } }),
      ),
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: ["approval-reasons"] });
      setMessage(r.active ? x.reasonActive(r.label) : x.reasonInactive(r.label));
    },
    onError: (e) => setMessage(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Page title={x.reasonsTitle}>
      <p className="lead">{x.reasonsIntro}</p>
      <p role="status" className="rule-status">
        {message}
      </p>
      <div className="table-scroll">
        <table className="reason-table">
          <thead>
            <tr>
              <th scope="col">{x.code}</th>
              <th scope="col">{x.label}</th>
              <th scope="col">{x.status}</th>
              <th scope="col">
                <span className="visually-hidden">{x.edit}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.reasons.map((r) => (
              <tr key={r.id}>
                <td>
                  <code>{r.code}</code>
                </td>
                <td>
                  {r.label}
                  {r.description && <p className="muted">{r.description}</p>}
                </td>
                <td>{r.active ? x.active : x.inactive}</td>
                <td className="reason-actions">
                  <Link href={`${props.base}/${r.id}`} aria-label={x.editReason(r.label)}>
                    {x.edit}
                  </Link>
                  <Button
                    className="button secondary small"
                    aria-label={r.active ? x.deactivate(r.label) : x.activate(r.label)}
                    onPress={() => toggle.mutate(r)}
                  >
                    {r.active ? x.deactivateShort : x.activateShort}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <Link className="button secondary" href={`${props.base}/new`}>
          {x.addReason}
        </Link>
      </p>
    </Page>
  );
}

function ReasonForm(props: { reason: ApprovalReason | null; base: string }) {
  const x = useTexts(rulesText);
  const queryClient = useQueryClient();
  const r = props.reason;
  const [code, setCode] = useState(r?.code ?? "");
  const [label, setLabel] = useState(r?.label ?? "");
  const [description, setDescription] = useState(r?.description ?? "");
  const [active, setActive] = useState(r?.active ?? true);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [status, setStatus] = useState("");
  const body = { code, label, description: description.trim() === "" ? null : description, active };
  const save = useMutation({
    mutationFn: () =>
      r
        ? unwrap(api.PATCH("/api/v1/approval-reasons/{id}", { params: { path: { id: r.id } }, body }))
        : unwrap(api.POST("/api/v1/approval-reasons", { body })),
    onSuccess: async (saved) => {
      setProblems([]);
      await queryClient.invalidateQueries({ queryKey: ["approval-reasons"] });
      if (r) setStatus(x.reasonSaved(saved.label));
      else navigate(props.base);
    },
    onError: (e) => {
      setStatus("");
      setProblems(problemsOf(e));
    },
  });
  const byField = problemsByField(problems);
  const id = (f: string) => `reason-${f}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Page title={r ? x.editReason(r.label) : x.newReason}>
      <p>
        <Link href={props.base}>{x.backToTable(x.reasonsTitle)}</Link>
      </p>
      <ErrorSummary
        problems={summaryOf(problems, id, (f) => ({ code: x.code, label: x.label, description: x.description })[f])}
      />
      <form className="form" onSubmit={submit} noValidate aria-label={x.reasonForm}>
        <Field
          id={id("code")}
          label={x.code}
          hint={x.codeHint}
          value={code}
          onChange={setCode}
          error={byField.get("code")}
        />
        <Field id={id("label")} label={x.label} value={label} onChange={setLabel} error={byField.get("label")} />
        <Field
          id={id("description")}
          label={x.description}
          value={description}
          onChange={setDescription}
          error={byField.get("description")}
          rows={4}
        />
        <Tick id={id("active")} label={x.active} checked={active} onChange={setActive} />
        <SaveRow pending={save.isPending} status={status} />
      </form>
    </Page>
  );
}
