import type { Actor } from "../auth/actor.js";
import type { DomainContext } from "../context.js";
import { deliveryLettersEnabled, lettersRender } from "./checks-letters.js";
import { librariesServed, placesHaveOperators, placesHavePrinters, workTimesSet } from "./checks-places.js";
import {
  approvalReasonsActive,
  defaultDigitizationRule,
  deliveryRulesCoverGroups,
  displayRulesShowDigitization,
} from "./checks-rules.js";
import { readinessFacts, type ReadinessFacts } from "./facts.js";
import type { CheckResult } from "./model.js";
import { authorizeReadiness } from "./policy.js";

/** The checks in the setup guide's order (its steps 2 to 11). */
const CHECKS: ((f: ReadinessFacts) => CheckResult)[] = [
  librariesServed,
  workTimesSet,
  placesHavePrinters,
  deliveryRulesCoverGroups,
  defaultDigitizationRule,
  approvalReasonsActive,
  displayRulesShowDigitization,
  deliveryLettersEnabled,
  lettersRender,
  placesHaveOperators,
];

export interface Readiness {
  /** no check fails (warnings leave the service working) */
  ready: boolean;
  checks: CheckResult[];
}

/** Runs every check over the institution's configuration (DOMAIN 10). Reads only. */
export async function checkReadiness(ctx: DomainContext, actor: Actor): Promise<Readiness> {
  authorizeReadiness(actor);
  const facts = await readinessFacts(ctx, actor.institutionId);
  const checks = CHECKS.map((c) => c(facts));
  return { ready: checks.every((c) => c.status !== "fail"), checks };
}
