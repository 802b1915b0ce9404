import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button, FieldError, Label, Text, TextArea, TextField } from "react-aria-components";
import { ApiError } from "../../../shared/api/client";
import { ErrorSummary, type Problem } from "../../../shared/components/ErrorSummary";
import { Field } from "../../../shared/components/Field";
import { Page } from "../../../shared/components/Page";
import { useI18n } from "../../../shared/i18n";
import { useTexts } from "../../../shared/texts";
import { workspaceQuery, type SetupAreas } from "../../workspace";
import { formsText } from "./text";
import "./forms.css";

/**
 * What the organisation setup screens share: the server's refusal split into the problems of
 * each field and of the whole form, the form frame (summary, save button, the announcement of
 * a save) and the states a setup screen may be in besides its own.
 */

/** The server's answer to a save, as problems: each field's under its form id, the rest for the summary. */
export function problemsOf(error: unknown, fieldIds: Record<string, string>, fallback: string): Problem[] {
  if (!(error instanceof ApiError)) return [{ message: fallback }];
  if (error.fields.length === 0) return [{ message: error.message }];
  return error.fields.map((f) => {
    const segments = f.field.split(".");
    let id: string | undefined;
    for (let n = segments.length; n > 0 && !id; n--) id = fieldIds[segments.slice(0, n).join(".")];
    return id ? { field: id, message: f.message } : { message: f.message };
  });
}

/** The message of the first problem about one field, for beside it. */
export const fieldError = (problems: Problem[], id: string): string | undefined =>
  problems.find((p) => p.field === id)?.message;

/**
 * A setup form: the summary of what the server refused at its top, the fields, the save button,
 * and a status line that announces the save (it stays in the page so screen readers hear it change).
 */
export function SetupForm(props: {
  label: string;
  problems: Problem[];
  saving: boolean;
  savedMessage: string;
  submitLabel: string;
  onSubmit(): void;
  children: ReactNode;
}) {
  const f = useTexts(formsText);
  const form = useRef<HTMLFormElement>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };
  // In the summary each problem names its field, as its label says it (the fields exist by then).
  const summary = props.problems.map((p) => {
    const label = p.field && form.current ? labelOf(form.current, p.field) : "";
    return label ? { ...p, message: `${label}: ${p.message}` } : p;
  });
  return (
    <form className="form setup-form" aria-label={props.label} onSubmit={submit} noValidate ref={form}>
      <ErrorSummary problems={summary} />
      {props.children}
      <Button type="submit" className="button submit" isPending={props.saving}>
        {props.saving ? f.saving : props.submitLabel}
      </Button>
      <p role="status" className="setup-saved">
        {props.savedMessage && (
          <>
            <span aria-hidden="true">✓ </span>
            {props.savedMessage}
          </>
        )}
      </p>
    </form>
  );
}

/** The visible label of a field of the form, by the field's id. */
function labelOf(form: HTMLFormElement, id: string): string {
  const field = form.querySelector<HTMLInputElement>(`#${CSS.escape(id)}`);
  if (!field) return "";
  const by = field.getAttribute("aria-labelledby")?.split(" ")[0];
  const label = by ? document.getElementById(by) : (field.labels?.[0] ?? null);
  return label?.textContent?.trim() ?? "";
}

/** A checkbox with its label and, when refused, its error. */
export function Checkbox(props: {
  id: string;
  label: string;
  checked: boolean;
  onChange(v: boolean): void;
  hint?: string;
  error?: string | undefined;
  disabled?: boolean;
}) {
  const hintId = useId();
  const errorId = useId();
  const describedBy = [props.hint ? hintId : "", props.error ? errorId : ""].filter(Boolean).join(" ");
  return (
    <div className="setup-tick">
      {props.error && (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      )}
      <div className="tick-row">
        <input
          type="checkbox"
          id={props.id}
          checked={props.checked}
          disabled={props.disabled}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(e) => props.onChange(e.target.checked)}
        />
        <label htmlFor={props.id}>{props.label}</label>
      </div>
      {props.hint && (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

/** The part's screens for those whose roles let them change it; a sentence for everyone else. */
export function AreaGate({ area, children }: { area: keyof SetupAreas; children: ReactNode }) {
  const f = useTexts(formsText);
  const { t } = useI18n();
  const workspace = useQuery(workspaceQuery);
  if (workspace.isPending) return <p className="loading">{t.loading}</p>;
  if (!workspace.data?.setup_areas[area])
    return (
      <Page title={f.notAllowedTitle}>
        <p>{f.notAllowedBody}</p>
      </Page>
    );
  return <>{children}</>;
}

/** A row inherited from a consortium: a lock and where it comes from. */
export function LockNote({ consortium }: { consortium: string }) {
  const f = useTexts(formsText);
  return (
    <span className="setup-lock">
      <svg className="setup-lock-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        <path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z" fill="currentColor" />
      </svg>{" "}
      {f.lockedFrom(consortium)}
    </span>
  );
}

/** The form's state: its values, the problems of the last save, and the announcement of the last success. */
export function useFormState<T>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saved, setSaved] = useState("");
  const set =
    <K extends keyof T>(key: K) =>
    (v: T[K]) =>
      setValues((old) => ({ ...old, [key]: v }));
  return { values, setValues, set, problems, setProblems, saved, setSaved };
}

/** "" for nothing, or the number typed; NaN when it is not one (the server says why). */
export function numberOrNull(text: string): number | null {
  const s = text.trim();
  return s === "" ? null : Number(s);
}

/** A labelled box of several lines (one entry a line where the hint says so). */
export function TextAreaField(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange(v: string): void;
  error?: string | undefined;
}) {
  return (
    <TextField
      className="field"
      value={props.value}
      onChange={props.onChange}
      isInvalid={props.error !== undefined}
      validationBehavior="aria"
    >
      <Label className="label">{props.label}</Label>
      {props.hint && (
        <Text slot="description" className="hint">
          {props.hint}
        </Text>
      )}
      <FieldError className="field-error">{props.error}</FieldError>
      <TextArea id={props.id} className="input textarea" rows={3} spellCheck={false} />
    </TextField>
  );
}

/** The lines of a box, without the empty ones. */
export const linesOf = (text: string): string[] =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** The browser's own select with its label and, when refused, its error (tied to it for screen readers). */
export function SelectBox(props: {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  options: { id: string; label: string }[];
  error?: string | undefined;
}) {
  const errorId = `${props.id}-error`;
  return (
    <div className="field">
      <label className="label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.error && (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      )}
      <select
        id={props.id}
        className="select"
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The code and name every setup thing has, first in its form. */
export function CodeAndName(props: {
  prefix: string;
  values: { code: string; name: string };
  set(key: "code" | "name"): (v: string) => void;
  problems: Problem[];
}) {
  const f = useTexts(formsText);
  const id = (field: string) => `${props.prefix}-${field}`;
  return (
    <>
      <Field
        id={id("code")}
        label={f.code}
        hint={f.codeHint}
        value={props.values.code}
        onChange={props.set("code")}
        error={fieldError(props.problems, id("code"))}
      />
      <Field
        id={id("name")}
        label={f.name}
        value={props.values.name}
        onChange={props.set("name")}
        error={fieldError(props.problems, id("name"))}
      />
    </>
  );
}
