import { useState, type ReactNode } from "react";
import { Button, Dialog, Heading, Modal } from "react-aria-components";
import { api, unwrap } from "../../shared/api/client";
import { useTexts } from "../../shared/texts";
import { useRequestAction, type Outcome, type StaffRequest } from "./queries";
import { requestText } from "./text";

/** What an action did, in words, beside it; the region is always there so a screen reader hears every change. */
export function OutcomeLine({ outcome, id }: { outcome: Outcome | null; id?: string }) {
  return (
    <div id={id} className={`action-outcome${outcome ? (outcome.ok ? " ok" : " refused") : ""}`} role="status">
      {outcome && (
        <p>
          <span aria-hidden="true">{outcome.ok ? "✓ " : "✗ "}</span>
          {outcome.message}
        </p>
      )}
    </div>
  );
}

const path = (id: string) => ({ params: { path: { id: id as never } } });

/** The request's next steps for this user: each button only when allowed_actions has it. */
export function ActionsSection({ r }: { r: StaffRequest }) {
  const s = useTexts(requestText);
  const action = useRequestAction(r.request_id, s);
  const allowed = new Set(r.allowed_actions);
  const [closing, setClosing] = useState<"cancel" | "reject" | null>(null);
  const steps: { action: string; label: string; done: string; run(): Promise<unknown> }[] = [
    {
      action: "pick",
      label: s.pick,
      done: s.picked,
      run: () => unwrap(api.POST("/api/v1/requests/{id}/pick", { ...path(r.request_id), body: {} })),
    },
    {
      action: "scan_in",
      label: s.scanIn,
      done: s.scannedIn,
      run: () => unwrap(api.POST("/api/v1/requests/{id}/scan-in", { ...path(r.request_id), body: {} })),
    },
    {
      action: "complete",
      label: s.complete,
      done: s.completed,
      run: () => unwrap(api.POST("/api/v1/requests/{id}/complete", { ...path(r.request_id), body: {} })),
    },
  ];
  const shown = steps.filter((x) => allowed.has(x.action));
  const any = shown.length > 0 || allowed.has("cancel") || allowed.has("reject");
  return (
    <section aria-labelledby="actions-heading" className="staff-section">
      <h2 id="actions-heading">{s.actionsHeading}</h2>
      {!any && <p className="muted">{s.noActions}</p>}
      {any && (
        <div className="action-row">
          {shown.map((x) => (
            <Button key={x.action} className="button" onPress={() => void action.run(x.run, () => x.done)}>
              {x.label}
            </Button>
          ))}
          {allowed.has("cancel") && (
            <Button className="button secondary" onPress={() => setClosing("cancel")}>
              {s.cancel}
            </Button>
          )}
          {allowed.has("reject") && (
            <Button className="button secondary" onPress={() => setClosing("reject")}>
              {s.reject}
            </Button>
          )}
        </div>
      )}
      <OutcomeLine outcome={action.outcome} />
      <ReasonDialog
        isOpen={closing !== null}
        onClose={() => setClosing(null)}
        title={closing === "reject" ? s.rejectTitle : s.cancelTitle}
        body={closing === "reject" ? s.rejectBody(r.title) : s.cancelBody(r.title)}
        confirm={closing === "reject" ? s.confirmReject : s.confirmCancel}
        notify={closing === "cancel"}
        busy={action.busy}
        onConfirm={async ({ reason, note, notify }) => {
          const kind = closing;
          const ok = await action.run(
            () =>
              kind === "reject"
                ? unwrap(api.POST("/api/v1/requests/{id}/reject", { ...path(r.request_id), body: { reason, note } }))
                : unwrap(
                    api.POST("/api/v1/requests/{id}/cancel", {
                      ...path(r.request_id),
                      body: { reason, note, notify_user: notify },
                    }),
                  ),
            () => (kind === "reject" ? s.rejected : s.cancelled),
          );
          if (ok) setClosing(null);
          return ok ? null : "refused";
        }}
        outcome={action.outcome}
      />
    </section>
  );
}

/**
 * The dialog of a closing decision (cancel, reject, reject a task): names what will happen, asks
 * the reason (typed, or chosen from a list) and a note, and shows the server's refusal inside it.
 */
export function ReasonDialog(props: {
  isOpen: boolean;
  onClose(): void;
  title: string;
  body: string;
  confirm: string;
  notify?: boolean;
  busy: boolean;
  /** a list to choose the reason from (the approval reasons); without it the reason is typed */
  reasons?: { value: string; label: string }[];
  reasonHint?: string;
  /** resolves to null when done, or a refusal (the outcome then says what) */
  onConfirm(v: { reason: string; note: string | null; notify: boolean }): Promise<string | null>;
  outcome: Outcome | null;
  children?: ReactNode;
}) {
  const s = useTexts(requestText);
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [notify, setNotify] = useState(true);
  const [missing, setMissing] = useState(false);
  const [refused, setRefused] = useState(false);
  const close = () => {
    setMissing(false);
    setRefused(false);
    props.onClose();
  };
  const submit = async () => {
    if (!reason.trim()) {
      setMissing(true);
      document.getElementById("close-reason")?.focus();
      return;
    }
    setMissing(false);
    const problem = await props.onConfirm({ reason: reason.trim(), note: note.trim() || null, notify });
    setRefused(problem !== null);
    if (problem === null) {
      setReason("");
      setNote("");
    }
  };
  const describedBy = [props.reasonHint ? "close-reason-hint" : "", missing ? "close-reason-error" : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <Modal className="modal" isDismissable isOpen={props.isOpen} onOpenChange={(open) => !open && close()}>
      <Dialog className="dialog" role="alertdialog">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Heading slot="title">{props.title}</Heading>
          <p>{props.body}</p>
          {refused && props.outcome && !props.outcome.ok && (
            <p className="field-error" role="alert">
              {props.outcome.message}
            </p>
          )}
          <div className="field">
            <label className="label" htmlFor="close-reason">
              {s.reason}
            </label>
            {props.reasonHint && (
              <p className="hint" id="close-reason-hint">
                {props.reasonHint}
              </p>
            )}
            {missing && (
              <p className="field-error" id="close-reason-error">
                {s.missingReason}
              </p>
            )}
            {props.reasons ? (
              <select
                id="close-reason"
                className="select"
                value={reason}
                aria-invalid={missing || undefined}
                aria-describedby={describedBy || undefined}
                onChange={(e) => setReason(e.target.value)}
              >
                <option value="">{s.chooseReason}</option>
                {props.reasons.map((x) => (
                  <option key={x.value} value={x.value}>
                    {x.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id="close-reason"
                className="input"
                value={reason}
                aria-invalid={missing || undefined}
                aria-describedby={describedBy || undefined}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </div>
          <div className="field">
            <label className="label" htmlFor="close-note">
              {s.note}
            </label>
            <p className="hint" id="close-note-hint">
              {s.noteHint}
            </p>
            <textarea
              id="close-note"
              className="input textarea"
              rows={3}
              value={note}
              aria-describedby="close-note-hint"
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          {props.notify && (
            <div className="field tick">
              <div className="tick-row">
                <input
                  id="close-notify"
                  type="checkbox"
                  checked={notify}
                  onChange={(e) => setNotify(e.target.checked)}
                />
                <label htmlFor="close-notify">{s.notify}</label>
              </div>
            </div>
          )}
          <div className="dialog-actions">
            <Button type="submit" className="button danger">
              {props.busy ? s.working : props.confirm}
            </Button>
            <Button className="button secondary" onPress={close}>
              {s.keep}
            </Button>
          </div>
        </form>
      </Dialog>
    </Modal>
  );
}
