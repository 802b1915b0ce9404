import { useEffect, useRef, useState } from "react";
import { ApiError } from "../../../shared/api/client";
import { useI18n } from "../../../shared/i18n";
import { useTexts } from "../../../shared/texts";
import { languageName } from "./language-name";
import { previewLetter, type LetterCode, type Rendered, type TemplateText } from "./queries";
import { lettersText } from "./text";

export interface PreviewState {
  rendered: Rendered | null;
  /** the server's refusal of a part of the draft, by part */
  problems: Partial<Record<keyof TemplateText, string>>;
  pending: boolean;
  failed: boolean;
}

/** Renders the draft with sample data on the server a moment after typing stops; the last answer wins. */
export function usePreview(code: LetterCode, language: string, draft: TemplateText): PreviewState {
  const [state, setState] = useState<PreviewState>({ rendered: null, problems: {}, pending: true, failed: false });
  const { subject, body_html, body_text } = draft;
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      previewLetter(code, language, { subject, body_html, body_text }, abort.signal).then(
        (rendered) => setState({ rendered, problems: {}, pending: false, failed: false }),
        (err: unknown) => {
          if (abort.signal.aborted) return;
          const problems: PreviewState["problems"] = {};
          if (err instanceof ApiError)
            for (const f of err.fields)
              if (f.field === "subject" || f.field === "body_html" || f.field === "body_text")
                problems[f.field] = f.message;
          setState((s) => ({ ...s, problems, pending: false, failed: Object.keys(problems).length === 0 }));
        },
      );
    }, 350);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [code, language, subject, body_html, body_text]);
  return state;
}

/** The letter as the patron would get it: subject, the HTML body as an email reader shows it, the plain text. */
export function LetterPreview({ name, language, state }: { name: string; language: string; state: PreviewState }) {
  const r = useTexts(lettersText);
  const { lang } = useI18n();
  const broken = Object.keys(state.problems).length > 0;
  const headingId = `preview-${language}-heading`;
  return (
    <section className="letter-preview" aria-labelledby={headingId}>
      <h2 id={headingId}>{r.previewTitle}</h2>
      <p className="hint">{r.previewHint}</p>
      <p role="status" className="setup-said">
        {broken ? r.previewBroken : state.failed ? r.previewFailed : state.pending ? r.previewing : ""}
      </p>
      {state.rendered && (
        <div
          className={`letter-preview-body${broken || state.pending ? " is-stale" : ""}`}
          lang={state.rendered.language}
        >
          <p>
            <span className="label-small">{r.previewSubject}: </span>
            <strong className="preview-subject">{state.rendered.subject}</strong>
          </p>
          <h3>{r.previewHtml}</h3>
          <LetterHtml html={state.rendered.html} label={r.previewFrame(name, languageName(language, lang))} />
          <h3>{r.previewText}</h3>
          <pre className="letter-text">{state.rendered.text}</pre>
        </div>
      )}
    </section>
  );
}

/**
 * The HTML body in a shadow root, so the letter's own styles stay inside it and the page's stay
 * out. The page's Content-Security-Policy runs no script of it (no inline script or handler,
 * no javascript: address); an iframe would isolate as well but keeps accessibility checkers out.
 */
function LetterHtml({ html, label }: { html: string; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const root = el.shadowRoot ?? el.attachShadow({ mode: "open" });
    root.innerHTML = `<style>${LETTER_STYLE}</style>${html}`;
  }, [html]);
  return <div ref={host} className="letter-html" role="region" aria-label={label} />;
}

const LETTER_STYLE = ":host{display:block;font:16px/1.5 system-ui,sans-serif;color:#0b0c0c;background:#fff}";
