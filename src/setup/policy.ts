import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";

/**
 * Planning sets up every area at once: libraries and the printer (organisation), places, rules
 * and limits (fulfillment), user groups and role grants (people), the delivery letters
 * (letters). Whoever plans must be allowed each of them, as when doing them one screen at a time.
 */
export function authorizeSetupPlan(actor: Actor): void {
  authorize(actor, "organisation.manage");
  authorize(actor, "fulfillment.manage");
  authorize(actor, "people.manage");
  authorize(actor, "letters.manage");
}
