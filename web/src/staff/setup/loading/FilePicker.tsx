import { useId } from "react";

/** The browser's own file chooser with a visible label, a hint and, when refused, its error. */
export function FilePicker(props: {
  id: string;
  label: string;
  hint: string;
  accept: string;
  multiple?: boolean;
  error?: string | undefined;
  onChange(files: File[]): void;
}) {
  const hintId = useId();
  const errorId = useId();
  return (
    <div className="field">
      <label className="label" htmlFor={props.id}>
        {props.label}
      </label>
      <p className="hint" id={hintId}>
        {props.hint}
      </p>
      {props.error && (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      )}
      <input
        type="file"
        id={props.id}
        accept={props.accept}
        multiple={props.multiple}
        aria-describedby={props.error ? `${hintId} ${errorId}` : hintId}
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => props.onChange([...(e.target.files ?? [])])}
      />
    </div>
  );
}
