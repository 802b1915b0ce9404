import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";

/**
 * Who may run the readiness check: every staff member (configuration.read). It reads the
 * configuration that staff may already read (places, rules, letters, by code) and names no
 * patron; those who fix what it finds (fulfillment.manage, letters.manage, organisation.manage)
 * are staff among them, and the desk sees why the service is not ready yet.
 */
export function authorizeReadiness(actor: Actor): void {
  authorize(actor, "configuration.read");
}
