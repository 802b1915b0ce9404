import { useId } from "react";

/**
 * A labelled choice among a few options. The browser's own select: every screen reader, keyboard
 * and phone knows it, and it costs no script (React Aria's Select weighs about 25 KB compressed).
 */
export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  options: { id: string; label: string }[];
  /** the server's refusal of this choice, shown above the box */
  error?: string | undefined;
}) {
  const labelId = useId();
  const errorId = `${props.id}-error`;
  return (
    <div className="field">
      <label className="label" htmlFor={props.id} id={labelId}>
        {props.label}
      </label>
      {props.error && (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      )}
      <select
        id={props.id}
        name={props.id}
        className="select"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        {...(props.error ? { "aria-invalid": true, "aria-describedby": errorId } : {})}
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
