import type { Actor } from "../auth/actor.js";
import { workflowSchema, type Workflow } from "../rules/engine/workflow.js";
import type { RequestForm } from "./form.js";
import type { RequestRow } from "./repository.js";
import type { filesOf, historyOf, tasksOf } from "./parts-repository.js";
import { can, type RequestAction } from "./policy.js";
import { FINAL_STATES, nextState, type Transition } from "./state-machine.js";

type TaskRow = Awaited<ReturnType<typeof tasksOf>>[number];
type FileRow = Awaited<ReturnType<typeof filesOf>>[number];
type EventRow = Awaited<ReturnType<typeof historyOf>>[number];

const transitionOf: Partial<Record<RequestAction, Transition>> = {
  pick: "pick",
  scan_in: "scan_in",
  attach_file: "attach_file",
  deliver: "deliver",
  complete: "complete",
  cancel: "cancel",
  reject: "reject",
};

/** What this caller may do next: the policy and the state machine both have to agree. */
function allowedActions(actor: Actor, r: RequestRow, tasks: TaskRow[], files: FileRow[]): string[] {
  const general = r.request_sub_type === "GENERAL_DIGITIZATION";
  const pending = tasks.some((t) => t.status === "pending");
  const open = !FINAL_STATES.includes(r.state) && r.state !== "DELIVERED";
  const out: string[] = [];
  for (const action of Object.keys(transitionOf) as RequestAction[]) {
    const t = transitionOf[action]!;
    if (!nextState(r.state, t, { general })) continue;
    if (action === "deliver" && pending) continue;
    if (can(actor, action, r)) out.push(action);
  }
  if (open && pending && can(actor, "approve_task", r)) out.push("approve_task", "reject_task");
  // New links to the files already sent (delivery/reissue-links.ts): whoever delivers, once delivered.
  const delivered = r.state === "DELIVERED" || r.state === "COMPLETED";
  if (delivered && files.some((f) => f.active === 1) && can(actor, "deliver", r)) out.push("reissue_links");
  return out;
}

/** labels: approval reason code -> label, for the reason of a task approved automatically */
function presentTask(t: TaskRow, automatic: boolean, labels: ReadonlyMap<string, string>) {
  return {
    task_id: String(t.id),
    kind: t.kind,
    status: t.status,
    reason: t.reason,
    // A staff decision's reason is their own words; an automatic approval's is a code of the list
    // (or, on requests placed before the list existed, the text the rule said).
    reason_label: automatic && t.reason !== null ? (labels.get(t.reason) ?? t.reason) : null,
    note: t.note,
    details: JSON.parse(t.details) as Record<string, unknown>,
    decided_by: t.decided_by_user_id === null ? null : String(t.decided_by_user_id),
    decided_at: t.decided_at,
  };
}

function presentFile(f: FileRow) {
  return {
    file_id: String(f.id),
    file_name: f.file_name,
    content_type: f.content_type,
    size_bytes: Number(f.size_bytes),
    sha256: f.sha256,
    page_count: f.page_count,
    active: f.active === 1,
    created_at: f.created_at,
  };
}

/** The approval reason codes these requests' workflows name, to look their labels up once. */
export const reasonCodesOf = (rows: RequestRow[]) => [
  ...new Set(rows.map((r) => (JSON.parse(r.workflow) as Workflow).approval_reason).filter((c) => c !== null)),
];

export function presentRequest(
  actor: Actor,
  r: RequestRow,
  tasks: TaskRow[],
  files: FileRow[],
  labels: ReadonlyMap<string, string>,
) {
  const form = JSON.parse(r.form) as RequestForm & { pages_requested: number | null };
  const workflow = workflowSchema.parse(JSON.parse(r.workflow));
  const automatic = workflow.approval_mode === "automatic";
  const reason = workflow.approval_reason;
  const place = r.department_code
    ? { kind: "department" as const, code: r.department_code, name: r.department_name! }
    : r.desk_code
      ? { kind: "desk" as const, code: r.desk_code, name: r.desk_name! }
      : null;
  return {
    request_id: String(r.id),
    request_type: r.request_type,
    request_sub_type: r.request_sub_type,
    request_status: r.state,
    user_id: r.user_primary_id,
    mms_id: String(r.bib_id),
    title: r.title,
    item_id: r.item_id === null ? null : String(r.item_id),
    barcode: r.item_barcode,
    item_description: r.item_description,
    library: r.library_code,
    target_destination: place,
    request_source: r.request_source,
    course: r.course_code === null ? null : { code: r.course_code, name: r.course_name },
    request_date: r.request_date,
    due_date: r.due_at,
    closed_at: r.closed_at,
    ...form,
    workflow: {
      ...workflow,
      rule_id: r.workflow_rule_id === null ? null : String(r.workflow_rule_id),
      approval_reason_label: reason === null ? null : (labels.get(reason) ?? reason),
    },
    tasks: tasks.map((t) => presentTask(t, automatic, labels)),
    files: files.map(presentFile),
    allowed_actions: allowedActions(actor, r, tasks, files),
  };
}

export function presentEvent(e: EventRow) {
  return {
    event_id: String(e.id),
    at: e.at,
    action: e.action,
    from_state: e.from_state,
    to_state: e.to_state,
    by: e.actor_primary_id,
    reason: e.reason,
    note: e.note,
    data: JSON.parse(e.data) as Record<string, unknown>,
  };
}
