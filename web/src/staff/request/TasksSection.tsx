import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "react-aria-components";
import { api, unwrap } from "../../shared/api/client";
import { useI18n } from "../../shared/i18n";
import { useTexts } from "../../shared/texts";
import { OutcomeLine, ReasonDialog } from "./ActionsSection";
import { approvalReasonsQuery, useRequestAction, type StaffRequest } from "./queries";
import { requestText } from "./text";

type Task = StaffRequest["tasks"][number];

/** Approval and copyright clearance: each task's state, and approve / reject while it waits. */
export function TasksSection({ r }: { r: StaffRequest }) {
  const s = useTexts(requestText);
  const { date } = useI18n();
  const allowed = new Set(r.allowed_actions);
  const deciding = allowed.has("approve_task") || allowed.has("reject_task");
  const reasons = useQuery({ ...approvalReasonsQuery, enabled: deciding || r.tasks.length > 0 });
  const labelOf = (code: string | null) =>
    code === null ? null : (reasons.data?.approval_reasons.find((x) => x.code === code)?.label ?? code);
  // One outcome for the section: it stays after the decided task's buttons are gone.
  const action = useRequestAction(r.request_id, s);
  const choices = (reasons.data?.approval_reasons ?? [])
    .filter((x) => x.active)
    .map((x) => ({ value: x.code, label: x.label }));
  return (
    <section aria-labelledby="tasks-heading" className="staff-section">
      <h2 id="tasks-heading">{s.tasksHeading}</h2>
      {r.tasks.length === 0 && <p className="muted">{s.noTasks}</p>}
      <ul className="task-list">
        {r.tasks.map((task) => (
          <li key={task.task_id} className="task">
            <h3>
              {s.taskKind[task.kind] ?? task.kind}:{" "}
              <span className={`task-${task.status}`}>{s.taskStatus[task.status]}</span>
            </h3>
            {task.status !== "pending" && (
              <p>
                {[
                  task.decided_at ? s.decidedOn(date(task.decided_at)) : null,
                  task.reason_label ?? labelOf(task.reason),
                  task.note,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
            )}
            {task.status === "pending" && deciding && <Decide r={r} task={task} choices={choices} action={action} />}
          </li>
        ))}
      </ul>
      <OutcomeLine outcome={action.outcome} />
    </section>
  );
}

function Decide(props: {
  r: StaffRequest;
  task: Task;
  choices: { value: string; label: string }[];
  action: ReturnType<typeof useRequestAction>;
}) {
  const { r, task, choices, action } = props;
  const s = useTexts(requestText);
  const allowed = new Set(r.allowed_actions);
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [rejecting, setRejecting] = useState(false);
  const kind = s.taskKind[task.kind] ?? task.kind;
  const params = { params: { path: { id: r.request_id as never, task_id: task.task_id as never } } };
  const ids = { reason: `task-${task.task_id}-reason`, note: `task-${task.task_id}-note` };
  return (
    <div className="decide">
      <div className="field">
        <label className="label" htmlFor={ids.reason}>
          {s.reason}
        </label>
        <select id={ids.reason} className="select" value={reason} onChange={(e) => setReason(e.target.value)}>
          <option value="">{s.chooseReason}</option>
          {choices.map((x) => (
            <option key={x.value} value={x.value}>
              {x.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="label" htmlFor={ids.note}>
          {s.note}
        </label>
        <p className="hint" id={`${ids.note}-hint`}>
          {s.noteHint}
        </p>
        <textarea
          id={ids.note}
          className="input textarea"
          rows={2}
          value={note}
          aria-describedby={`${ids.note}-hint`}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <div className="action-row">
        {allowed.has("approve_task") && (
          <Button
            className="button"
            onPress={() =>
              void action.run(
                () =>
                  unwrap(
                    api.POST("/api/v1/requests/{id}/tasks/{task_id}/approve", {
                      ...params,
                      body: { reason: reason || null, note: note.trim() || null },
                    }),
                  ),
                () => s.approved(kind),
              )
            }
          >
            {s.approve}
          </Button>
        )}
        {allowed.has("reject_task") && (
          <Button className="button secondary" onPress={() => setRejecting(true)}>
            {s.rejectTask}
          </Button>
        )}
      </div>
      <ReasonDialog
        isOpen={rejecting}
        onClose={() => setRejecting(false)}
        title={s.rejectTaskTitle(kind)}
        body={s.rejectTaskBody}
        confirm={s.confirmReject}
        busy={action.busy}
        reasons={choices}
        reasonHint={s.rejectReasonHint}
        outcome={action.outcome}
        onConfirm={async (v) => {
          const ok = await action.run(
            () =>
              unwrap(
                api.POST("/api/v1/requests/{id}/tasks/{task_id}/reject", {
                  ...params,
                  body: { reason: v.reason, note: v.note },
                }),
              ),
            () => s.rejected,
          );
          if (ok) setRejecting(false);
          return ok ? null : "refused";
        }}
      />
    </div>
  );
}
