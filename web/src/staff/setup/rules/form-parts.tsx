import { Button } from "react-aria-components";
import { ApiError, type FieldProblem } from "../../../shared/api/client";
import type { Problem } from "../../../shared/components/ErrorSummary";
import { useTexts } from "../../../shared/texts";
import { rulesText } from "./text";

/** What the editor's forms share: the save row, a tick box with its error, and the server's refusals. */

/** A refusal as the problems to show: the server's fields, or its one sentence for the whole form. */
export const problemsOf = (e: unknown): FieldProblem[] =>
  e instanceof ApiError && e.fields.length ? e.fields : [{ field: "", message: (e as Error).message }];

/** The problems for the summary at the top, each naming and linking to the input it is about. */
export const summaryOf = (
  problems: FieldProblem[],
  idOf: (field: string) => string,
  labelOf: (field: string) => string | undefined,
): Problem[] =>
  problems.map((p) => {
    const label = p.field ? labelOf(p.field) : undefined;
    return { ...(p.field ? { field: idOf(p.field) } : {}), message: label ? `${label}: ${p.message}` : p.message };
  });

export function SaveRow(props: { pending: boolean; status: string }) {
  const x = useTexts(rulesText);
  return (
    <div className="rule-form-actions">
      <Button type="submit" className="button" isPending={props.pending}>
        {props.pending ? x.saving : x.save}
      </Button>
      <p role="status" className="rule-status">
        {props.status}
      </p>
    </div>
  );
}

export function Tick(props: {
  id: string;
  label: string;
  checked: boolean;
  onChange(v: boolean): void;
  error?: string | undefined;
}) {
  const errorId = `${props.id}-error`;
  return (
    <div className="field">
      {props.error && (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      )}
      <label className="tick-row">
        <input
          type="checkbox"
          id={props.id}
          checked={props.checked}
          onChange={(e) => props.onChange(e.target.checked)}
          {...(props.error ? { "aria-invalid": true, "aria-describedby": errorId } : {})}
        />
        <span>{props.label}</span>
      </label>
    </div>
  );
}
