import type { Actor } from "../../auth/actor.js";
import type { Executor } from "../../db/database.js";
import { canAskOffersFor } from "../../auth/policy.js";
import { AppError } from "../../errors.js";
import { findPatron } from "../../people/users-repository.js";
import { activeBlockCount } from "../../people/user-blocks-repository.js";
import { countActiveRequests } from "../../requests/repository.js";
import {
  byWhom,
  deliveryStep,
  fromDecision,
  displayStep,
  itemFacts,
  placeOfItem,
  placeStep,
  step,
  termsOfUseStep,
  titleOnlyFacts,
  type ExplainStep,
  type Place,
  type TermsOfUseStep,
} from "./offer-checks.js";
import { decideLimit } from "../tables/patron-limits.js";
import { findBib } from "../../catalogue/bibs-repository.js";
import { firstHoldingLibrary } from "../../catalogue/holdings-repository.js";
import { listItemsOfBib } from "../../catalogue/items-repository.js";
import { tableTitle } from "../engine/table-kinds.js";

/**
 * Services offered on a title (DOMAIN 4), decided in its order: fulfillment unit rule and terms
 * of use of each candidate item, patron blocks and limits, delivery rules, a place that serves
 * the library, display logic. Every answer carries its chain of decisions (DOMAIN 10, explain).
 */

type ServiceType = "DIGITIZATION" | "GENERAL_DIGITIZATION";

export interface ServiceAnswer {
  type: ServiceType;
  offered: boolean;
  /** the sentence of the step that decided */
  reason: string;
  /** DIGITIZATION: the item the answer is about */
  item_id: number | null;
  steps: ExplainStep[];
}

/** Patrons ask about themselves; staff with offers.others about anyone (anyone else: no such user). */
async function loadPatronFor(db: Executor, actor: Actor, userId: number | null) {
  const id = userId ?? actor.userId;
  const patron = await findPatron(db, actor.institutionId, id);
  if (!patron || !canAskOffersFor(actor, id)) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.user });
  return patron;
}

type Patron = NonNullable<Awaited<ReturnType<typeof findPatron>>>;

async function patronSteps(
  db: Executor,
  institutionId: number,
  patron: Patron,
  now: Date,
  trace: boolean,
): Promise<ExplainStep[]> {
  const today = now.toISOString().slice(0, 10);
  const active = patron.status === "ACTIVE" && (patron.expiry_date === null || patron.expiry_date >= today);
  const steps = [
    step(
      "patron_status",
      active,
      active ? "The patron’s account is active." : "The patron’s account is inactive or expired.",
    ),
  ];
  const blocks = await activeBlockCount(db, patron.id, now.toISOString());
  steps.push(
    step(
      "patron_blocks",
      blocks === 0,
      blocks === 0 ? "The patron has no blocks." : `The patron has ${blocks} active block${blocks === 1 ? "" : "s"}.`,
    ),
  );
  const d = await decideLimit(db, institutionId, patron.group_code, { trace });
  const limit = d.output.max_digitization_requests;
  const group = patron.group_code ?? "(none)";
  const by = `${tableTitle.patron_limits}: ${byWhom(d)} gives user group ${group}`;
  if (limit === null) {
    steps.push(
      fromDecision("patron_limit", "patron_limits", d, true, `${by} no limit on active digitization requests.`),
    );
  } else if (limit === 0) {
    steps.push(
      fromDecision("patron_group", "patron_limits", d, false, `${by} limit 0: it cannot request digitization.`),
    );
  } else {
    const open = await countActiveRequests(db, patron.id);
    steps.push(
      fromDecision(
        "patron_limit",
        "patron_limits",
        d,
        open < limit,
        `${by} a limit of ${limit} active digitization request${limit === 1 ? "" : "s"}; the patron has ${open}.`,
      ),
    );
  }
  return steps;
}

/** Runs checks in order, stopping at the first that fails. */
async function chain(checks: (() => Promise<ExplainStep | ExplainStep[]>)[]): Promise<ExplainStep[]> {
  const steps: ExplainStep[] = [];
  for (const run of checks) {
    const got = await run();
    for (const s of Array.isArray(got) ? got : [got]) {
      steps.push(s);
      if (!s.passed) return steps;
    }
  }
  return steps;
}

const answer = (type: ServiceType, itemId: number | null, steps: ExplainStep[]): ServiceAnswer => {
  const failed = steps.find((s) => !s.passed);
  return {
    type,
    offered: !failed,
    reason: failed
      ? failed.sentence
      : `${type === "DIGITIZATION" ? "Digitization" : "General digitization"} is offered.`,
    item_id: itemId,
    steps,
  };
};

interface ServicesQuery {
  userId: number | null;
  mmsId: number;
  itemId?: number | null | undefined;
}

export async function decideServices(
  db: Executor,
  actor: Actor,
  q: ServicesQuery,
  now: Date,
  options: { trace?: boolean } = {},
): Promise<{ patron: Patron; services: ServiceAnswer[] }> {
  const trace = options.trace ?? false;
  const patron = await loadPatronFor(db, actor, q.userId);
  const bib = await findBib(db, actor.institutionId, q.mmsId);
  if (!bib) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.title });
  const all = await listItemsOfBib(db, actor.institutionId, bib.id);
  const candidates = q.itemId != null ? all.filter((i) => i.id === q.itemId) : all;
  if (q.itemId != null && candidates.length === 0) {
    throw new AppError("NOT_FOUND", { say: (m) => m.notFound.item });
  }
  const group = patron.group_code;
  const inst = actor.institutionId;
  const ofPatron = await patronSteps(db, actor.institutionId, patron, now, trace);

  let digitization: ServiceAnswer;
  if (all.length === 0) {
    digitization = answer("DIGITIZATION", null, [
      step("items", false, "The title has no items: staff find the material themselves (general digitization)."),
    ]);
  } else {
    // The first candidate that passes every check decides; otherwise the one that got furthest.
    let best: ServiceAnswer | null = null;
    for (const item of candidates) {
      const place = placeOfItem(item, bib.material_type);
      // display logic runs only after the terms of use passed, and reads their hold_requestable
      let terms: TermsOfUseStep;
      const steps = await chain([
        async () => (terms = await termsOfUseStep(db, inst, group, item, place, trace)),
        () => Promise.resolve(ofPatron),
        () => deliveryStep(db, inst, group, place, trace),
        () => placeStep(db, inst, item.library_id),
        () => displayStep(db, inst, "digitization", group, place, itemFacts(bib, terms), trace),
      ]);
      const a = answer("DIGITIZATION", item.id, steps);
      if (a.offered) {
        best = a;
        break;
      }
      if (!best || a.steps.length > best.steps.length) best = a;
    }
    digitization = best!;
  }

  let general: ServiceAnswer;
  if (all.length > 0) {
    general = answer("GENERAL_DIGITIZATION", null, [
      step("items", false, "The title has items: patrons ask for a specific item (Digitization)."),
    ]);
  } else {
    const library = await firstHoldingLibrary(db, bib.id);
    const place: Place = {
      libraryId: library?.id ?? null,
      libraryCode: library?.code ?? null,
      locationCode: null,
      materialType: bib.material_type,
      itemPolicy: null,
      available: false,
    };
    const steps = await chain([
      () => Promise.resolve(ofPatron),
      () => deliveryStep(db, inst, group, place, trace),
      () => placeStep(db, inst, place.libraryId),
      () => displayStep(db, inst, "general_digitization", group, place, titleOnlyFacts(bib), trace),
    ]);
    general = answer("GENERAL_DIGITIZATION", null, steps);
  }
  return { patron, services: [digitization, general] };
}
