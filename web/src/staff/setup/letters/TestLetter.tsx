import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "react-aria-components";
import { api, ApiError, unwrap } from "../../../shared/api/client";
import { Field } from "../../../shared/components/Field";
import { useTexts } from "../../../shared/texts";
import type { LetterCode } from "./queries";
import { lettersText } from "./text";

/** Sends the saved text in one language with sample data to an address; the outcome is announced. */
export function TestLetter({ code, language }: { code: LetterCode; language: string }) {
  const r = useTexts(lettersText);
  const [to, setTo] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const send = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/letters/{code}/test", { params: { path: { code } }, body: { to: to.trim(), language } }),
      ),
    onMutate: () => {
      setOutcome(null);
      setFieldError(undefined);
    },
    onSuccess: (sent) =>
      setOutcome({
        ok: true,
        message:
          sent.transport === "eml" && sent.eml_name ? r.testWritten(sent.to, sent.eml_name) : r.testSent(sent.to),
      }),
    onError: (err) => {
      const onTo = err instanceof ApiError ? err.fields.find((f) => f.field === "to") : undefined;
      if (onTo) setFieldError(`${r.testTo}: ${onTo.message}`);
      else setOutcome({ ok: false, message: r.testFailed(err instanceof ApiError ? err.message : String(err)) });
    },
  });
  const headingId = `test-${language}-heading`;
  return (
    <section className="letter-test" aria-labelledby={headingId}>
      <h2 id={headingId}>{r.testTitle}</h2>
      <p className="hint">{r.testHint}</p>
      <form
        className="letter-test-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!send.isPending) send.mutate();
        }}
      >
        <Field
          id={`test-to-${language}`}
          label={r.testTo}
          value={to}
          onChange={setTo}
          error={fieldError}
          autoComplete="email"
        />
        <Button type="submit" className="button secondary">
          {send.isPending ? r.testSending : r.testSend}
        </Button>
      </form>
      <p role="status" className={`setup-said${outcome && !outcome.ok ? " is-failed" : ""}`}>
        {outcome?.message}
      </p>
    </section>
  );
}
