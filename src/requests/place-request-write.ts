import type { Actor } from "../auth/actor.js";
import { addDays } from "../clock.js";
import { updateItem } from "../catalogue/items-repository.js";
import { outboxRows, type OutboxEntry } from "../outbox/enqueue.js";
import { checkboxAnswers } from "../request-form/enforce.js";
import type { ChosenPlace, Offer, PlacementFacts, PlaceRequestInput, Tx, WorkflowChoice } from "./place-request.js";
import type * as repo from "./repository.js";
import type { TaskRow } from "./parts-repository.js";
import { insertPlacement, type PlacementWrites } from "./placement-repository.js";
import { initialTransition } from "./state-machine.js";
import { firstTransition } from "./transition.js";

/* Placing a request (place-request.ts), its writes: everything it decided, in one transaction. */

/** The request and its tasks as written, with the names the answer shows (what reading it back would give). */
export interface PlacedRequest {
  request: repo.RequestRow;
  tasks: TaskRow[];
}

/**
 * Write: the request, its "placed" event with facts and trace, its tasks, its first state, and its
 * letters and print jobs (one statement on PostgreSQL: placement-repository.ts).
 */
export async function writeRequest(
  tx: Tx,
  actor: Actor,
  input: PlaceRequestInput,
  facts: PlacementFacts,
  offer: Offer,
  { decision, facts: ruleFacts }: WorkflowChoice,
  place: ChosenPlace,
  now: Date,
): Promise<PlacedRequest> {
  const { patron, bib, item, libraryId, source, course } = facts;
  const workflow = decision.workflow;
  const at = now.toISOString();
  const general = item === null;
  const workDays = place.place.workTimeDays ?? 14;
  const automatic = workflow.approval_mode === "automatic";
  const kinds = [
    ...(workflow.approval_required ? (["approval"] as const) : []),
    ...(workflow.copyright_clearance_required ? (["copyright"] as const) : []),
  ];
  const waitsForApproval = workflow.approval_mode === "blocks" && kinds.length > 0;
  const transition = initialTransition({ general, waitsForApproval });
  // The row goes in in the state its first transition leads to; both events say how it got there.
  const first = firstTransition(general, transition);
  const row = {
    institution_id: actor.institutionId,
    request_type: "DIGITIZATION",
    request_sub_type: general ? "GENERAL_DIGITIZATION" : "PATRON_DIGITIZATION",
    state: first.to,
    is_active: 1,
    user_id: patron.id,
    placed_by_user_id: actor.userId,
    request_source: source,
    bib_id: bib.id,
    item_id: item?.id ?? null,
    library_id: libraryId,
    department_id: place.place.kind === "department" ? place.place.id : null,
    desk_id: place.place.kind === "desk" ? place.place.id : null,
    form: JSON.stringify({
      ...input.form,
      pages_requested: offer.pages,
      custom_checkboxes: checkboxAnswers(facts.formConfig, facts.ticked),
    }),
    workflow: JSON.stringify(workflow),
    workflow_rule_id: decision.ruleId,
    course_code: course?.code ?? null,
    course_name: course?.name ?? null,
    request_date: at,
    due_at: addDays(now, workDays).toISOString(),
    closed_at: null,
    updated_at: at,
  } as const;
  const placed = {
    institution_id: actor.institutionId,
    at,
    actor_user_id: actor.userId,
    reason: null,
    note: null,
  };
  const events: PlacementWrites["events"] = [
    {
      ...placed,
      action: "placed",
      from_state: null,
      to_state: "NEW",
      // The facts and the trace are kept so that explain can say later why the request got its
      // workflow, whatever the rules have become since.
      data: JSON.stringify({
        workflow_rule: decision.ruleName,
        workflow_rule_id: decision.ruleId,
        place: place.reason,
        source,
        ...(course ? { course } : {}),
        // The duplicate warning: which earlier requests it named, and whether the patron saw it.
        ...(facts.duplicates.length
          ? {
              duplicate_warning: {
                acknowledged: input.duplicateAcknowledged === true,
                request_ids: facts.duplicates.map((d) => String(d.id)),
              },
            }
          : {}),
        facts: ruleFacts,
        trace: decision.trace,
      }),
    },
    { ...placed, action: transition, from_state: "NEW", to_state: first.to, data: "{}" },
  ];
  const tasks = kinds.map((kind): Omit<TaskRow, "id" | "request_id"> => ({
    institution_id: actor.institutionId,
    kind,
    status: automatic ? "approved" : "pending",
    reason: automatic ? workflow.approval_reason : null,
    note: automatic ? `Approved automatically by ${decision.ruleName}.` : null,
    details: "{}",
    decided_by_user_id: null,
    decided_at: automatic ? at : null,
    created_at: at,
  }));
  const letters = outboxRows(notices(actor, facts, place, first.to), now);
  const { id: requestId, taskIds } = await insertPlacement(tx, { request: row, events, tasks, letters });
  if (item && first.itemStatus) await updateItem(tx, item.id, { process_status: first.itemStatus }, at);
  const department = place.place.kind === "department" ? place.place : null;
  const desk = place.place.kind === "desk" ? place.place : null;
  const request: repo.RequestRow = {
    id: requestId,
    ...row,
    user_primary_id: patron.primary_id,
    title: bib.title,
    item_barcode: item?.barcode ?? null,
    item_description: item?.description ?? null,
    library_code: facts.library.code,
    library_name: facts.library.name,
    department_code: department?.code ?? null,
    department_name: department?.name ?? null,
    desk_code: desk?.code ?? null,
    desk_name: desk?.name ?? null,
    department_library_id: department?.libraryId ?? null,
    desk_library_id: desk?.libraryId ?? null,
  };
  return { request, tasks: tasks.map((task, i) => ({ id: taskIds[i]!, request_id: requestId, ...task })) };
}

/** The letters and print jobs, to the outbox with the request: the patron's receipt, a pick slip. */
function notices(actor: Actor, facts: PlacementFacts, place: ChosenPlace, state: string): OutboxEntry[] {
  // The request's id is filled in as it is written (placement-repository.ts).
  const notice = (kind: "letter" | "print", topic: string, payload: Record<string, unknown>) => ({
    institutionId: actor.institutionId,
    kind,
    topic,
    requestId: null,
    payload,
  });
  const receipt = notice("letter", "request_received", { user_id: facts.patron.id });
  const slip = notice("print", "resource_request_slip", { place: place.place.code });
  return state === "PICK_FROM_SHELF" ? [receipt, slip] : [receipt];
}
