import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type DragEvent } from "react";
import { Button } from "react-aria-components";
import { api, ApiError, unwrap } from "../../shared/api/client";
import { useI18n } from "../../shared/i18n";
import { useTexts } from "../../shared/texts";
import { OutcomeLine } from "./ActionsSection";
import { staffRequestQuery, useRequestAction, type Outcome, type StaffRequest } from "./queries";
import { forgetUpload, keptUpload, uploadScan } from "./upload";
import { requestText } from "./text";

/** The scans of a request: the list with their page counts, the upload, delivering and new links. */
export function FilesSection({ r }: { r: StaffRequest }) {
  const s = useTexts(requestText);
  const { number } = useI18n();
  const allowed = new Set(r.allowed_actions);
  const action = useRequestAction(r.request_id, s);
  const size = (bytes: number) =>
    bytes >= 1024 * 1024 ? `${number(Math.round(bytes / 104857.6) / 10)} MB` : `${number(Math.ceil(bytes / 1024))} KB`;
  const pages = (n: number | null) => (n === null ? s.pagesUnknown : s.pageCount(n));
  const path = { params: { path: { id: r.request_id as never } } };
  return (
    <section aria-labelledby="files-heading" className="staff-section">
      <h2 id="files-heading">{s.filesHeading}</h2>
      {r.files.length === 0 ? (
        <p className="muted">{s.noFiles}</p>
      ) : (
        <ul className="file-list">
          {r.files.map((f) => (
            <li key={f.file_id}>
              <span className="strong">{s.fileLine(f.file_name, size(f.size_bytes))}</span>
              {" · "}
              {pages(f.page_count)}
              {!f.active && <span className="muted"> · {s.inactive}</span>}
            </li>
          ))}
        </ul>
      )}
      {allowed.has("attach_file") && <Upload r={r} pages={pages} />}
      {(allowed.has("deliver") || allowed.has("reissue_links")) && (
        <div className="action-row">
          {allowed.has("deliver") && (
            <Button
              className="button"
              onPress={() =>
                void action.run(
                  () => unwrap(api.POST("/api/v1/requests/{id}/deliver", { ...path, body: {} })),
                  () => s.delivered,
                )
              }
            >
              {s.deliver}
            </Button>
          )}
          {allowed.has("reissue_links") && (
            <Button
              className="button secondary"
              onPress={() =>
                void action.run(
                  () => unwrap(api.POST("/api/v1/requests/{id}/links/reissue", { ...path, body: {} })),
                  (answer) => s.reissued((answer as { revoked_links: number }).revoked_links),
                )
              }
            >
              {s.reissue}
            </Button>
          )}
        </div>
      )}
      <OutcomeLine outcome={action.outcome} />
    </section>
  );
}

/** Drop a scan on the zone or choose it; the bar follows the bytes sent, the outcome says the pages counted. */
function Upload({ r, pages }: { r: StaffRequest; pages(n: number | null): string }) {
  const s = useTexts(requestText);
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  // The last upload's bar stays, full, after it ends: the outcome below it says what the server found.
  const [progress, setProgress] = useState<{ name: string; sent: number; total: number } | null>(null);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // A scan whose upload met an ended session: back from signing in, it is one press away.
  const [kept, setKept] = useState(() => keptUpload(r.request_id));

  async function send(file: File) {
    if (sending) return;
    forgetUpload(r.request_id);
    setKept(null);
    setSending(true);
    setOutcome(null);
    setProgress({ name: file.name, sent: 0, total: file.size });
    try {
      const updated = await uploadScan(r.request_id, file, (sent, total) =>
        setProgress({ name: file.name, sent, total }),
      );
      client.setQueryData(staffRequestQuery(r.request_id).queryKey, updated);
      void client.invalidateQueries({ queryKey: ["staff-request", r.request_id, "history"] });
      const added =
        updated.files.find((f) => !r.files.some((old) => old.file_id === f.file_id)) ?? updated.files.at(-1);
      setProgress({ name: file.name, sent: file.size, total: file.size });
      setOutcome({ ok: true, message: s.uploaded(file.name, pages(added?.page_count ?? null)) });
    } catch (err) {
      setProgress(null);
      setOutcome({ ok: false, message: s.uploadFailed(file.name, err instanceof ApiError ? err.message : s.failed) });
    } finally {
      setSending(false);
      if (input.current) input.current.value = "";
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void send(file);
  };
  const percent = progress && progress.total > 0 ? Math.round((progress.sent / progress.total) * 100) : 0;
  return (
    <div
      className={`drop-zone${over ? " over" : ""}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p className="strong">{s.dropHere}</p>
      <p className="hint" id="upload-hint">
        {s.dropHint}
      </p>
      <input
        id="upload-file"
        ref={input}
        className="file-input"
        type="file"
        accept="application/pdf,image/tiff,image/jpeg,image/png,.pdf,.tif,.tiff,.jpg,.jpeg,.png"
        aria-describedby="upload-hint"
        disabled={sending}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void send(file);
        }}
      />
      <label className="button secondary file-button" htmlFor="upload-file">
        {s.chooseFile}
      </label>
      {kept && (
        <div className="upload-kept" role="status">
          <p>{s.keptAfterSignIn(kept.name)}</p>
          <Button className="button" onPress={() => void send(kept)}>
            {s.sendAgain(kept.name)}
          </Button>
        </div>
      )}
      {progress && (
        <div className="upload-progress">
          <label htmlFor="upload-bar">{sending ? s.uploading(progress.name) : progress.name}</label>
          <progress id="upload-bar" max={100} value={percent}>
            {percent}%
          </progress>
          <span aria-hidden="true"> {percent}%</span>
        </div>
      )}
      <OutcomeLine outcome={outcome} id="upload-outcome" />
    </div>
  );
}
