import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, FieldError, Input, Label, TextField } from "react-aria-components";
import { api, ApiError, unwrap } from "../../../shared/api/client";
import { ErrorSummary, type Problem } from "../../../shared/components/ErrorSummary";
import { useI18n } from "../../../shared/i18n";
import { useTexts } from "../../../shared/texts";
import { CodeEditor } from "./CodeEditor";
import { languageName } from "./language-name";
import { LetterPreview, usePreview } from "./LetterPreview";
import type { Letter, LetterCode, Template, TemplateText } from "./queries";
import { TestLetter } from "./TestLetter";
import { lettersText } from "./text";

type Part = keyof TemplateText;
const PARTS: Part[] = ["subject", "body_html", "body_text"];

/** A letter's text in one language: edited, previewed as typed, saved or put back to Recto's. */
export function TemplateForm({ code, name, template }: { code: LetterCode; name: string; template: Template }) {
  const r = useTexts(lettersText);
  const { lang } = useI18n();
  const client = useQueryClient();
  const language = template.language;
  const inWords = languageName(language, lang);
  const saved: TemplateText = {
    subject: template.subject,
    body_html: template.body_html,
    body_text: template.body_text,
  };
  const [draft, setDraft] = useState<TemplateText>(saved);
  const [refused, setRefused] = useState<{ fields: Partial<Record<Part, string>>; general: string | null }>({
    fields: {},
    general: null,
  });
  const [said, setSaid] = useState("");
  const preview = usePreview(code, language, draft);
  const dirty = PARTS.some((p) => draft[p] !== saved[p]);
  const partLabel: Record<Part, string> = { subject: r.subject, body_html: r.bodyHtml, body_text: r.bodyText };
  const idOf = (p: Part) => `letter-${language}-${p}`;

  const done = (letter: Letter, message: string) => {
    client.setQueryData(["letters", code], letter);
    void client.invalidateQueries({ queryKey: ["letters"], exact: true });
    void client.invalidateQueries({ queryKey: ["readiness"] });
    setRefused({ fields: {}, general: null });
    setSaid(message);
  };
  const failed = (err: unknown) => {
    setSaid("");
    const fields: Partial<Record<Part, string>> = {};
    const loose: string[] = [];
    if (err instanceof ApiError)
      for (const f of err.fields)
        if ((PARTS as string[]).includes(f.field)) fields[f.field as Part] = f.message;
        else loose.push(f.message);
    const general =
      Object.keys(fields).length && !loose.length
        ? null
        : `${r.saveFailed} ${err instanceof ApiError ? err.message : ""}`.trim();
    setRefused({ fields, general });
  };
  const save = useMutation({
    mutationFn: (text: TemplateText) =>
      unwrap(
        api.PUT("/api/v1/letters/{code}/templates/{language}", { params: { path: { code, language } }, body: text }),
      ),
    onSuccess: (letter) => done(letter, r.saved(inWords)),
    onError: failed,
  });
  const reset = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE("/api/v1/letters/{code}/templates/{language}", { params: { path: { code, language } } })),
    onSuccess: (letter) => {
      const builtIn = letter.templates.find((x) => x.language === language);
      if (builtIn) setDraft({ subject: builtIn.subject, body_html: builtIn.body_html, body_text: builtIn.body_text });
      done(letter, r.resetDone(inWords));
    },
    onError: failed,
  });

  // A refusal at saving names its part; while typing, the live preview's refusal shows there too.
  const errorOf = (p: Part) => {
    const message = refused.fields[p] ?? preview.problems[p];
    return message ? r.fieldProblem(partLabel[p], message) : undefined;
  };
  const problems: Problem[] = [
    ...(refused.general ? [{ message: refused.general }] : []),
    ...PARTS.filter((p) => refused.fields[p]).map((p) => ({
      field: idOf(p),
      message: r.fieldProblem(partLabel[p], refused.fields[p]!),
    })),
  ];
  const edit = (p: Part) => (v: string) => {
    setDraft((d) => ({ ...d, [p]: v }));
    setSaid("");
  };

  return (
    <div className="letter-template">
      <form
        className="form letter-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!save.isPending) save.mutate(draft);
        }}
      >
        <ErrorSummary problems={problems} />
        <TextField
          className="field"
          value={draft.subject}
          onChange={edit("subject")}
          isInvalid={errorOf("subject") !== undefined}
          validationBehavior="aria"
        >
          <Label className="label">{r.subject}</Label>
          <FieldError className="field-error">{errorOf("subject")}</FieldError>
          <Input id={idOf("subject")} className="input code-line" spellCheck={false} />
        </TextField>
        <CodeEditor
          id={idOf("body_html")}
          label={r.bodyHtml}
          hint={r.editorHint}
          value={draft.body_html}
          onChange={edit("body_html")}
          error={errorOf("body_html")}
        />
        <CodeEditor
          id={idOf("body_text")}
          label={r.bodyText}
          value={draft.body_text}
          onChange={edit("body_text")}
          error={errorOf("body_text")}
          rows={10}
        />
        <div className="letter-actions">
          <Button type="submit" className="button">
            {save.isPending ? r.saving : r.save}
          </Button>
          {template.customized && (
            <Button className="button secondary" onPress={() => !reset.isPending && reset.mutate()}>
              {r.reset}
            </Button>
          )}
          {dirty && <span className="letter-unsaved">{r.unsaved}</span>}
        </div>
        <p role="status" className="setup-said">
          {said}
        </p>
      </form>
      <LetterPreview name={name} language={language} state={preview} />
      <TestLetter code={code} language={language} />
    </div>
  );
}
