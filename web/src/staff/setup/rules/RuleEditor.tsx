import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button, Link } from "react-aria-components";
import type { FieldProblem } from "../../../shared/api/client";
import { ErrorSummary } from "../../../shared/components/ErrorSummary";
import { Field } from "../../../shared/components/Field";
import { Page } from "../../../shared/components/Page";
import { navigate } from "../../../shared/router";
import { useTexts } from "../../../shared/texts";
import { ConditionFields } from "./ConditionFields";
import { problemsOf, SaveRow, summaryOf, Tick } from "./form-parts";
import { History } from "./History";
import { LockIcon } from "./LockIcon";
import { conditionOf, draftOf, fieldId, fieldLabel, problemsByField, type ConditionDraft, type Output } from "./model";
import { OutputFields } from "./OutputFields";
import { deleteRule, saveDefault, saveRule, type Rule, type RuleTable } from "./queries";
import { RuleSummary } from "./RuleList";
import { rulesText } from "./text";

/** Where the editor is: the table's name and how to reach its pages. */
export interface TablePlace {
  table: RuleTable;
  title: string;
  tableHref: string;
  ruleHref(id: number | "new" | "default"): string;
  reasonLabel(code: string): string;
}

/** One rule (or a new one) with its conditions, outcome and history; the server judges every save. */
export function RuleEditor(props: TablePlace & { rule: Rule | null }) {
  const x = useTexts(rulesText);
  const { table, rule } = props;
  const queryClient = useQueryClient();
  const [name, setName] = useState(rule?.name ?? "");
  const [description, setDescription] = useState(rule?.description ?? "");
  const [enabled, setEnabledState] = useState(rule?.enabled ?? true);
  const [conditions, setConditions] = useState<ConditionDraft[]>(rule?.conditions.map(draftOf) ?? []);
  const [output, setOutput] = useState<Output>(rule?.output ?? table.default_output);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [status, setStatus] = useState("");
  const [confirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["rule-table", table.table] });
  const fail = (e: unknown) => {
    setStatus("");
    setProblems(problemsOf(e));
  };

  const save = useMutation({
    mutationFn: () =>
      saveRule(table.table, rule?.id ?? null, {
        name,
        description: description.trim() === "" ? null : description,
        enabled,
        conditions: conditions.map((c) => conditionOf(c, table.parameters)),
        output,
      }),
    onSuccess: async (saved) => {
      setProblems([]);
      await refresh();
      if (rule === null) navigate(props.ruleHref(saved.id));
      else setStatus(x.saved);
    },
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: () => deleteRule(table.table, rule?.id ?? 0),
    onSuccess: async () => {
      await refresh();
      navigate(props.tableHref);
    },
    onError: fail,
  });

  const title = rule?.name ?? x.newRule;
  if (rule?.locked) {
    return (
      <Page title={title}>
        <p>
          <Link href={props.tableHref}>{x.backToTable(props.title)}</Link>
        </p>
        <p className="rule-lock">
          <LockIcon />
          {rule.consortium ? x.locked(rule.consortium) : x.lockedOwn}
        </p>
        <RuleSummary rule={rule} kind={table.kind} reasonLabel={props.reasonLabel} />
      </Page>
    );
  }
  const byField = problemsByField(problems);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Page title={title}>
      <p>
        <Link href={props.tableHref}>{x.backToTable(props.title)}</Link>
      </p>
      <ErrorSummary problems={summaryOf(problems, fieldId, (f) => fieldLabel(f, x))} />
      <form className="form rule-form" onSubmit={submit} noValidate>
        <Field id={fieldId("name")} label={x.name} value={name} onChange={setName} error={byField.get("name")} />
        <Field
          id={fieldId("description")}
          label={x.description}
          value={description}
          onChange={setDescription}
          error={byField.get("description")}
          rows={4}
        />
        <Tick id={fieldId("enabled")} label={x.enabledField} checked={enabled} onChange={setEnabledState} />
        <ConditionFields parameters={table.parameters} value={conditions} onChange={setConditions} problems={byField} />
        <fieldset className="fieldset">
          <legend>
            <h2>{x.outcomeHeading}</h2>
          </legend>
          <OutputFields kind={table.kind} value={output} onChange={setOutput} prefix="output" problems={byField} />
        </fieldset>
        <SaveRow pending={save.isPending} status={status} />
      </form>
      {rule && (
        <div className="rule-delete">
          {!confirming ? (
            <Button className="button secondary" onPress={() => setConfirming(true)}>
              {x.deleteRule}
            </Button>
          ) : (
            <div role="group" aria-label={x.deleteRule}>
              <p>{x.confirmDelete(rule.name)}</p>
              <Button className="button danger" onPress={() => remove.mutate()} isPending={remove.isPending}>
                {x.yesDelete}
              </Button>{" "}
              <Button className="button secondary" onPress={() => setConfirming(false)}>
                {x.cancel}
              </Button>
            </div>
          )}
        </div>
      )}
      {rule && (
        <History
          table={table.table}
          kind={table.kind}
          ruleId={rule.id}
          rules={table.rules}
          reasonLabel={props.reasonLabel}
          heading={x.historyOfRule}
        />
      )}
    </Page>
  );
}

/** The default rule: only an outcome, applied when no enabled rule matches. */
export function DefaultEditor(props: TablePlace) {
  const x = useTexts(rulesText);
  const queryClient = useQueryClient();
  const [output, setOutput] = useState<Output>(props.table.default_output);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [status, setStatus] = useState("");
  const save = useMutation({
    mutationFn: () => saveDefault(props.table.table, output),
    onSuccess: async () => {
      setProblems([]);
      setStatus(x.saved);
      await queryClient.invalidateQueries({ queryKey: ["rule-table", props.table.table] });
    },
    onError: (e) => {
      setStatus("");
      setProblems(problemsOf(e));
    },
  });
  const byField = problemsByField(problems);
  return (
    <Page title={x.defaultHeading}>
      <p>
        <Link href={props.tableHref}>{x.backToTable(props.title)}</Link>
      </p>
      <p className="lead">{x.defaultIntro}</p>
      <ErrorSummary problems={summaryOf(problems, fieldId, (f) => fieldLabel(f, x))} />
      <form
        className="form rule-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <OutputFields
          kind={props.table.kind}
          value={output}
          onChange={setOutput}
          prefix="default_output"
          problems={byField}
        />
        <SaveRow pending={save.isPending} status={status} />
      </form>
    </Page>
  );
}
