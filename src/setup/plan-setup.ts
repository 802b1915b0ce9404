import type { Actor } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import { invalidFields } from "../errors.js";
import { planProblems } from "./plan-check.js";
import type { PlanChange, PlanInput } from "./plan-model.js";
import { planGroups, planPlaces, planStaff } from "./plan-places.js";
import { planRules } from "./plan-rules.js";
import { authorizeSetupPlan } from "./policy.js";

/** Carries a dry run's changes out of the transaction it rolls back. */
class DryRun extends Error {
  constructor(readonly changes: PlanChange[]) {
    super("dry run");
  }
}

/**
 * Setup step 1: the planning answers become the configuration, in one transaction. A dry run
 * makes every change the same way and rolls them back, so the proposal the administrator
 * confirms is exactly what confirming does. Refused answers write nothing.
 */
export async function planSetup(
  db: Db,
  actor: Actor,
  input: PlanInput,
  now: Date,
): Promise<{ dry_run: boolean; changes: PlanChange[] }> {
  authorizeSetupPlan(actor);
  const at = now.toISOString();
  try {
    return await db.transaction().execute(async (tx) => {
      const problems = await planProblems(tx, actor, input);
      if (problems.length > 0) throw invalidFields(problems);
      const changes: PlanChange[] = [];
      const places = await planPlaces(tx, actor, input, at, changes);
      await planGroups(tx, actor, input, at, changes);
      await planRules(tx, actor, input, at, changes);
      await planStaff(tx, actor, input, places, at, changes);
      if (input.dry_run) throw new DryRun(changes);
      return { dry_run: false, changes };
    });
  } catch (err) {
    if (err instanceof DryRun) return { dry_run: true, changes: err.changes };
    throw err;
  }
}
