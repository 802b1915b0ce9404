import { FieldError, Input, Label, Text, TextArea, TextField } from "react-aria-components";

/** A labelled text field (or, with `rows`, a box of several lines) with its hint and, when invalid, its error right above the box. */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange(v: string): void;
  error?: string | undefined;
  type?: "text" | "password" | "search" | "email";
  autoComplete?: string;
  name?: string;
  inputClassName?: string;
  /** a box of this many lines, for text of a sentence or more (a description) */
  rows?: number;
}) {
  return (
    <TextField
      className="field"
      value={props.value}
      onChange={props.onChange}
      isInvalid={props.error !== undefined}
      validationBehavior="aria"
      type={props.type ?? "text"}
      {...(props.autoComplete ? { autoComplete: props.autoComplete } : {})}
      {...(props.name ? { name: props.name } : {})}
    >
      <Label className="label">{props.label}</Label>
      {props.hint && (
        <Text slot="description" className="hint">
          {props.hint}
        </Text>
      )}
      <FieldError className="field-error">{props.error}</FieldError>
      {props.rows ? (
        <TextArea id={props.id} className={props.inputClassName ?? "input textarea"} rows={props.rows} />
      ) : (
        <Input id={props.id} className={props.inputClassName ?? "input"} spellCheck={false} />
      )}
    </TextField>
  );
}
