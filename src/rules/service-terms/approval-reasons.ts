import type { Actor } from "../../auth/actor.js";
import { authorize } from "../../auth/policy.js";
import type { Db, Executor } from "../../db/database.js";
import { AppError, notFound, type FieldProblem } from "../../errors.js";
import { uniqueOr } from "../../people/duplicates.js";
import * as repo from "./approval-reasons-repository.js";
import { versionSnapshot, recordVersion } from "./versions.js";

/**
 * The configurable list of approval reasons (DOMAIN 5.5): an automatic approval names one by
 * code. Reading is for staff; changing follows the rule tables (fulfillment.manage).
 */

interface ReasonInput {
  code: string;
  label: string;
  description?: string | null | undefined;
  active?: boolean | undefined;
}

export async function listReasons(db: Executor, actor: Actor) {
  authorize(actor, "configuration.read");
  return repo.listReasons(db, actor.institutionId);
}

export async function loadReason(db: Executor, actor: Actor, id: number) {
  authorize(actor, "configuration.read");
  const row = await repo.findReason(db, actor.institutionId, id);
  if (!row) throw notFound("approval reason");
  return row;
}

/** The list's order has its own history in the list itself; a version records what a reason says. */
const reasonSnapshot = (r: { code: string; label: string; description: string | null; active: number }) =>
  versionSnapshot({ code: r.code, label: r.label, description: r.description, active: r.active === 1 });

const duplicate = (code: string) => `An approval reason with code ${code} already exists.`;

export async function createReason(db: Db, actor: Actor, input: ReasonInput, now: Date) {
  authorize(actor, "fulfillment.manage");
  const at = now.toISOString();
  return uniqueOr("code", duplicate(input.code), () =>
    db.transaction().execute(async (tx) => {
      const row = await repo.insertReason(tx, {
        institution_id: actor.institutionId,
        code: input.code,
        label: input.label,
        description: input.description ?? null,
        active: input.active === false ? 0 : 1,
        created_at: at,
        updated_at: at,
      });
      await recordVersion(tx, actor, "approval_reason", row.id, "created", null, reasonSnapshot(row), at);
      return row;
    }),
  );
}

/** The rules whose output names this reason; null stands for the table's default output. */
async function rulesNaming(db: Executor, institutionId: number, code: string) {
  return (await repo.digitizationOutputs(db, institutionId))
    .filter((o) => (JSON.parse(o.output) as { approval_reason?: unknown }).approval_reason === code)
    .map((o) => o.rule);
}

function inUse(code: string, rules: ({ id: number; name: string } | null)[], doing: string) {
  const names = rules.map((r) => (r ? `"${r.name}"` : "the Default Digitization Rule"));
  return new AppError("IN_USE", {
    message: `Approval reason ${code} is named by digitization rule${names.length > 1 ? "s" : ""} ${names.join(", ")}; ${doing}.`,
    details: { rules: rules.map((r) => (r ? { id: r.id, name: r.name } : { id: null, name: "default" })) },
  });
}

export async function updateReason(db: Db, actor: Actor, id: number, patch: Partial<ReasonInput>, now: Date) {
  const current = await loadReason(db, actor, id);
  authorize(actor, "fulfillment.manage");
  return db.transaction().execute(async (tx) => {
    // Rules name a reason by code: a new code would leave them naming nothing.
    if (patch.code !== undefined && patch.code !== current.code) {
      const naming = await rulesNaming(tx, actor.institutionId, current.code);
      if (naming.length) {
        throw inUse(current.code, naming, "point them at another reason before changing its code");
      }
    }
    const after = await uniqueOr("code", duplicate(patch.code ?? current.code), () =>
      repo.updateReason(tx, id, {
        ...(patch.code !== undefined ? { code: patch.code } : {}),
        ...(patch.label !== undefined ? { label: patch.label } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
        updated_at: now.toISOString(),
      }),
    );
    const [b, a] = [reasonSnapshot(current), reasonSnapshot(after)];
    if (a !== b) await recordVersion(tx, actor, "approval_reason", id, "updated", b, a, now.toISOString());
    return after;
  });
}

export async function deleteReason(db: Db, actor: Actor, id: number, now: Date): Promise<void> {
  const current = await loadReason(db, actor, id);
  authorize(actor, "fulfillment.manage");
  await db.transaction().execute(async (tx) => {
    const naming = await rulesNaming(tx, actor.institutionId, current.code);
    if (naming.length) throw inUse(current.code, naming, "point them elsewhere first, or deactivate the reason");
    await repo.deleteReason(tx, id);
    await recordVersion(tx, actor, "approval_reason", id, "deleted", reasonSnapshot(current), null, now.toISOString());
  });
}

/** Puts the list in the order given: every reason named once. */
export async function reorderReasons(db: Db, actor: Actor, ids: number[], now: Date) {
  authorize(actor, "fulfillment.manage");
  const at = now.toISOString();
  return db.transaction().execute(async (tx) => {
    const current = (await repo.listReasons(tx, actor.institutionId)).map((r) => r.id);
    const same =
      ids.length === current.length && new Set(ids).size === ids.length && ids.every((i) => current.includes(i));
    if (!same) {
      throw new AppError("VALIDATION_FAILED", {
        message: "reason_ids must list every approval reason exactly once.",
        fields: [{ field: "reason_ids", message: `must be a reordering of ${current.join(", ")}` }],
      });
    }
    for (const [i, id] of ids.entries()) await repo.setReasonPosition(tx, id, i + 1, at);
    return repo.listReasons(tx, actor.institutionId);
  });
}

/** code -> active, what a digitization output's approval_reason is checked against. */
export async function reasonCodes(db: Executor, institutionId: number): Promise<Map<string, boolean>> {
  return new Map((await repo.listReasons(db, institutionId)).map((r) => [r.code, r.active === 1]));
}

/**
 * A digitization output names a reason of the institution's list, and an active one unless it
 * already named it (deactivating a reason must not stop its rules being enabled or edited).
 */
export function approvalReasonProblems(
  output: unknown,
  reasons: ReadonlyMap<string, boolean>,
  label: string,
  field = "output",
  previous: unknown = null,
): FieldProblem[] {
  const code = (output as { approval_reason?: unknown } | null)?.approval_reason;
  if (code === null || code === undefined) return [];
  const active = typeof code === "string" ? reasons.get(code) : undefined;
  const kept = (previous as { approval_reason?: unknown } | null)?.approval_reason === code;
  if (active === true || (active === false && kept)) return [];
  return [
    {
      field: `${field}.approval_reason`,
      message:
        active === false
          ? `${label}: approval reason ${String(code)} is inactive; activate it or choose another`
          : `${label}: ${String(code)} is not an approval reason of this institution (see /api/v1/approval-reasons)`,
    },
  ];
}
