/** A labelled native select with its error above the box (the shared SelectField has no error). */
export function ChoiceField(props: {
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
