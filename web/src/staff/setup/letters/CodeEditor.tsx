import { useRef } from "react";

/**
 * A template's code box: a plain textarea (every screen reader and keyboard knows it; Tab still
 * leaves it) in a monospace font with line numbers beside it, so a server message naming a line
 * can be found. Lines do not wrap, so each number stays beside its line.
 */
export function CodeEditor(props: {
  id: string;
  label: string;
  hint?: string | undefined;
  value: string;
  onChange(v: string): void;
  error?: string | undefined;
  rows?: number;
}) {
  const gutter = useRef<HTMLPreElement>(null);
  const count = props.value.split("\n").length;
  const hintId = `${props.id}-hint`;
  const errorId = `${props.id}-error`;
  const describedBy = [props.hint ? hintId : "", props.error ? errorId : ""].filter(Boolean).join(" ");
  return (
    <div className="field code-field">
      <label className="label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      )}
      <div className={`code-editor${props.error ? " invalid" : ""}`}>
        <pre className="code-lines" aria-hidden="true" ref={gutter}>
          {Array.from({ length: count }, (_, i) => i + 1).join("\n")}
        </pre>
        <textarea
          id={props.id}
          className="code-input"
          value={props.value}
          rows={props.rows ?? 12}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(e) => props.onChange(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
    </div>
  );
}
