import type { ReactNode } from "react";
import { FieldError, Label, Radio, RadioGroup } from "react-aria-components";
import type { PlanForm } from "./plan-form";

/** The planning form's controls: a question's fieldset, radio choices, ticks. */

export interface QuestionProps {
  form: PlanForm;
  change(patch: Partial<PlanForm>): void;
  errorOf(path: string): string | undefined;
}

/** A group of questions with its legend, hint and (for the group as a whole) its error. */
export function Fieldset(props: {
  legend: string;
  hint?: string;
  id: string;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <fieldset className="fieldset plan-question" id={props.id} tabIndex={-1}>
      <legend>{props.legend}</legend>
      {props.hint && <p className="hint">{props.hint}</p>}
      {props.error && <p className="field-error">{props.error}</p>}
      {props.children}
    </fieldset>
  );
}

export function FieldErrorAbove(props: { error: string | undefined; children: ReactNode }) {
  return (
    <div className={props.error ? "field-with-error" : undefined}>
      {props.error && <p className="field-error">{props.error}</p>}
      {props.children}
    </div>
  );
}

export function Choice(props: {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  error?: string | undefined;
  /** false when a legend already says it */
  showLabel?: boolean;
  options: [string, string, string | undefined][];
}) {
  return (
    <RadioGroup
      id={props.id}
      className="field radios plan-choice"
      value={props.value || null}
      onChange={props.onChange}
      isInvalid={props.error !== undefined}
      validationBehavior="aria"
    >
      <Label className={props.showLabel ? "label" : "label visually-hidden"}>{props.label}</Label>
      <FieldError className="field-error">{props.error}</FieldError>
      {props.options.map(([value, label, hint]) => (
        <Radio key={value} value={value} className="radio">
          <span>
            {label}
            {hint && <span className="hint plan-option-hint">{hint}</span>}
          </span>
        </Radio>
      ))}
    </RadioGroup>
  );
}

export function Tick(props: { id: string; label: string; checked: boolean; onChange(v: boolean): void }) {
  return (
    <div className="tick-row">
      <input type="checkbox" id={props.id} checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={props.id}>{props.label}</label>
    </div>
  );
}
