import { useEffect, useRef } from "react";
import { useI18n } from "../i18n";

export interface Problem {
  /** the id of the field it is about; none for a problem with the whole form */
  field?: string;
  message: string;
}

/** The problems of a form, once more at its top, each linking to its field; takes focus when shown. */
export function ErrorSummary({ problems }: { problems: Problem[] }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const key = problems.map((p) => p.message).join("|");
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (problems.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t.errorSummaryTitle}</h2>
      <ul>
        {problems.map((p) => (
          <li key={p.message}>{p.field ? <a href={`#${p.field}`}>{p.message}</a> : p.message}</li>
        ))}
      </ul>
    </div>
  );
}
