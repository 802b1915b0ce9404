import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Button, Dialog, DialogTrigger, Heading, Link, Modal } from "react-aria-components";
import { api, ApiError, unwrap } from "../../shared/api/client";
import { Field } from "../../shared/components/Field";
import { Page } from "../../shared/components/Page";
import { useI18n } from "../../shared/i18n";
import { usePreservedForm } from "../../shared/preserved-form";
import type { Place } from "../../shared/router";
import { LoadFailed, NotFound } from "../App";
import { downloadHref, downloadsQuery, requestQuery, timelineQuery, type PatronRequest } from "../requests-queries";
import { RequestFacts, StateWords } from "./MyRequestsPage";

/** One request: its state in words, its facts, what has happened, its file, and cancelling it. */
export function RequestDetailPage({ place, id }: { place: Place; id: string }) {
  const { t } = useI18n();
  const request = useQuery(requestQuery(id));
  const [outcome, setOutcome] = useState<"cancelled" | "overtaken" | null>(null);
  if (request.isPending) return <p className="loading">{t.loading}</p>;
  if (request.isError) {
    if (request.error instanceof ApiError && request.error.status === 404) return <NotFound base={place.base} />;
    return <LoadFailed retry={() => void request.refetch()} />;
  }
  const r = request.data;
  const delivered = r.request_status === "DELIVERED" || r.request_status === "COMPLETED";
  return (
    <Page title={r.title}>
      <p className="request-state big">
        <span className="muted">{t.req.status}: </span>
        <StateWords state={r.request_status} />
      </p>
      {outcome && <CancelOutcome text={outcome === "cancelled" ? t.req.cancelled : t.req.cancelOvertaken} />}
      <RequestFacts r={r} />
      {delivered && <Files id={id} />}
      {/* A delivered copy is not withdrawn by the patron: cancelling is for work still to do. */}
      {r.allowed_actions.includes("cancel") && !delivered && (
        <Cancel r={r} onCancelled={() => setOutcome("cancelled")} onOvertaken={() => setOutcome("overtaken")} />
      )}
      <Timeline id={id} />
      <p>
        <Link href={`${place.base}/requests`}>← {t.req.backToList}</Link>
      </p>
    </Page>
  );
}

/** After cancelling (or trying to), focus lands here: it says what happened, where the dialog's button was. */
function CancelOutcome({ text }: { text: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <p className="notice cancelled-note" role="status" tabIndex={-1} ref={ref}>
      {text}
    </p>
  );
}

function Timeline({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const timeline = useQuery(timelineQuery(id));
  const when = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" });
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t.req.historyHeading}</h2>
      {timeline.isPending && <p className="muted">{t.loading}</p>}
      {timeline.isError && <LoadFailed retry={() => void timeline.refetch()} />}
      {timeline.isSuccess && (
        <ol className="timeline">
          {[...timeline.data.events].reverse().map((e, n) => (
            <li key={`${e.at}-${n}`} className="timeline-event">
              <StateWords state={e.state} /> <span className="muted">· {when.format(new Date(e.at))}</span>
              {e.reason && <p className="timeline-reason">{t.req.historyReason(e.reason)}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Files({ id }: { id: string }) {
  const { t, date } = useI18n();
  const client = useQueryClient();
  const downloads = useQuery(downloadsQuery(id));
  // A download counts a view: the numbers are read again once it has started.
  const counted = () => window.setTimeout(() => void client.invalidateQueries({ queryKey: ["downloads", id] }), 1500);
  return (
    <section aria-labelledby="files-heading" className="services">
      <h2 id="files-heading">{t.req.filesHeading}</h2>
      {downloads.isPending && <p className="muted">{t.loading}</p>}
      {downloads.isError && <LoadFailed retry={() => void downloads.refetch()} />}
      {downloads.isSuccess && downloads.data.downloads.length === 0 && <p>{t.req.filesSending}</p>}
      {downloads.isSuccess &&
        downloads.data.downloads.map((d) => (
          <div key={d.download_id} className="download">
            {d.state === "available" ? (
              <>
                <p>
                  <a className="button" href={downloadHref(id, d.download_id)} download onClick={counted}>
                    {t.req.download(d.file_name)}
                  </a>
                </p>
                <p>
                  <span className="strong">{t.req.viewsLeft(d.views_left)}</span>. {t.req.expiresOn(date(d.expires_at))}
                </p>
                <p className="hint">{t.req.downloadCounted}</p>
              </>
            ) : (
              <p className="notice">{d.state === "used_up" ? t.req.usedUp : t.req.expired}</p>
            )}
          </div>
        ))}
    </section>
  );
}

/** Cancel, once, in a dialog that says what will happen; the reason typed survives an expired session. */
function Cancel({ r, onCancelled, onOvertaken }: { r: PatronRequest; onCancelled(): void; onOvertaken(): void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [form, setForm] = usePreservedForm(`cancel:${r.request_id}`, { open: false, reason: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await unwrap(
        api.POST("/api/v1/requests/{id}/cancel", {
          params: { path: { id: r.request_id as never } },
          body: { reason: form.reason.trim() || t.req.cancelDefaultReason },
        }),
      );
      client.setQueryData(requestQuery(r.request_id).queryKey, updated);
      await client.invalidateQueries({ queryKey: ["timeline", r.request_id] });
      await client.invalidateQueries({ queryKey: ["my-requests"] });
      setForm({ open: false, reason: "" });
      onCancelled();
    } catch (e) {
      if (e instanceof ApiError && e.code === "INVALID_STATE_TRANSITION") {
        // The library moved the request on while the page was open: "try again" would fail again,
        // so the page is read afresh and says so where the dialog was.
        await client.invalidateQueries({ queryKey: requestQuery(r.request_id).queryKey });
        await client.invalidateQueries({ queryKey: ["timeline", r.request_id] });
        await client.invalidateQueries({ queryKey: ["my-requests"] });
        setForm({ open: false, reason: "" });
        onOvertaken();
        return;
      }
      // An ended session is handled by the app (sign in, then back here with the reason kept).
      if (!(e instanceof ApiError && e.status === 401))
        setError(e instanceof ApiError ? (e.fields[0]?.message ?? e.message) : t.req.cancelFailed);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">{t.req.cancelHeading}</h2>
      <DialogTrigger isOpen={form.open} onOpenChange={(open) => setForm((f) => ({ ...f, open }))}>
        <Button className="button secondary">{t.req.cancelButton}</Button>
        <Modal className="modal" isDismissable>
          <Dialog className="dialog" role="alertdialog">
            {({ close }) => (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void confirm();
                }}
              >
                <Heading slot="title">{t.req.cancelDialogTitle}</Heading>
                <p>{t.req.cancelDialogBody(r.title)}</p>
                {error && (
                  <p className="field-error" role="alert">
                    {t.req.cancelFailed} {error !== t.req.cancelFailed ? `(${error})` : ""}
                  </p>
                )}
                <Field
                  id="cancel-reason"
                  label={t.req.cancelReason}
                  hint={t.req.cancelReasonHint}
                  value={form.reason}
                  onChange={(reason) => setForm((f) => ({ ...f, reason }))}
                  name="reason"
                />
                <div className="dialog-buttons">
                  <Button type="submit" className="button danger">
                    {busy ? t.req.cancelling : t.req.cancelConfirm}
                  </Button>
                  <Button className="button secondary" onPress={close}>
                    {t.req.cancelKeep}
                  </Button>
                </div>
              </form>
            )}
          </Dialog>
        </Modal>
      </DialogTrigger>
    </section>
  );
}
