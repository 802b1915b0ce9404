import { FieldError, Input, Label, Text, TextField } from "react-aria-components";

/** A labelled text field with its hint and, when invalid, its error right above the box. */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange(v: string): void;
  error?: string | undefined;
  type?: "text" | "password" | "search";
  autoComplete?: string;
  name?: string;
  inputClassName?: string;
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
      <Input id={props.id} className={props.inputClassName ?? "input"} spellCheck={false} />
    </TextField>
  );
}
