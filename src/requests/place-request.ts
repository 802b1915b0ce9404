import type { Actor } from "../auth/actor.js";
import type { Db, Executor } from "../db/database.js";
import { groupedTransaction } from "../db/grouped-transaction.js";
import { withReadMemo } from "../db/read-memo.js";
import type { RequestSource } from "../db/schema.js";
import { AppError, invalidFields, problem } from "../errors.js";
import { findBib } from "../catalogue/bibs-repository.js";
import { firstHoldingLibrary } from "../catalogue/holdings-repository.js";
import { listItemsOfBib } from "../catalogue/items-repository.js";
import { resolveHandlingPlace } from "../organisation/handling-place.js";
import { findLibrary, findLibraryCode, findLibraryIdByCode } from "../organisation/libraries-repository.js";
import { digitizationFacts } from "../rules/engine/digitization-facts.js";
import { decideLimit } from "../rules/tables/patron-limits.js";
import { resolveWorkflow } from "../rules/tables/digitization-workflow.js";
import { assertOffered } from "../rules/offers/placement-offer.js";
import { writeRequest, type PlacedRequest } from "./place-request-write.js";
import { crossCheckForm, pagesRequested, type RequestForm } from "./form.js";
import { authorizePlacement, mayPlaceIn, placingForOthersRefused, type PlacementAsk } from "./policy.js";
import * as repo from "./repository.js";
import { effectiveForm } from "../request-form/request-form.js";
import { checkFormAgainstConfig } from "../request-form/enforce.js";
import { findDuplicates } from "./duplicates.js";
import { readPlaceCandidates, readPlacementStart } from "./placement-repository.js";

export interface PlaceRequestInput {
  /** the patron the request is for */
  userId: number;
  mmsId: number;
  itemId?: number | null;
  /** title-level requests for a title without holdings: which library's collection to search */
  libraryCode?: string | null;
  /** staff only: send the work to this department or desk code instead of the resolved place */
  targetDestination?: string | null;
  source: RequestSource;
  /** the compatibility routes: a partial request may name its pages in the comment only */
  pagesMayBeInComment?: boolean;
  /** a course-reserve request's course, for staff only; it makes the source "course" */
  course?: { code: string; name: string | null } | null;
  form: RequestForm;
  /** the codes of the form's custom checkboxes the patron ticked */
  checkboxes?: readonly string[];
  /** the patron was shown the duplicate warning and submitted anyway */
  duplicateAcknowledged?: boolean;
}

/** Picks the item for an item-level request, or decides the request is title-level. */
async function chooseItem(db: Executor, institutionId: number, input: PlaceRequestInput) {
  const items = await listItemsOfBib(db, institutionId, input.mmsId);
  if (input.itemId != null) {
    const item = items.find((i) => i.id === input.itemId);
    if (!item) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.item });
    return item;
  }
  if (items.length === 0) return null;
  const described = items.filter((i) => i.description);
  if (input.form.description) {
    const want = input.form.description.trim().toLowerCase();
    const match = items.find((i) => i.description?.trim().toLowerCase() === want);
    if (!match) {
      throw new AppError("VALIDATION_FAILED", {
        say: (m) => m.refusals.descriptionMatchesNoItem,
        fields: [problem("description", (m) => m.fields.matchesNoItem, "matches no item of this title")],
        details: { descriptions: described.map((i) => i.description) },
      });
    }
    return match;
  }
  if (described.length > 0) {
    throw new AppError("ITEM_REQUIRED", {
      message: "This title has several volumes or issues; say which one with item_id or description.",
      say: (m) => m.refusals.itemRequired,
      details: { descriptions: described.map((i) => i.description) },
    });
  }
  return items.find((i) => i.process_status === "IN_PLACE") ?? items[0]!;
}

/**
 * Places a digitization request (DOMAIN 7): validates, routes it by the digitization rule and
 * the handling place, enforces the patron limit atomically, and writes the request, its tasks,
 * its first history events and its letters in one transaction. Returns the request and its tasks
 * as written, so that the answer is presented without reading them back.
 */
export async function placeRequest(db: Db, actor: Actor, input: PlaceRequestInput, now: Date): Promise<PlacedRequest> {
  checkForm(input, now);
  // On SQLite, placements that arrive together share a commit (grouped-transaction.ts).
  return groupedTransaction(db, async (transaction) => {
    // Rules, consortium and items are asked for by several checks: each is read once.
    const tx = withReadMemo(transaction);
    const facts = await loadPlacementFacts(tx, actor, input, now);
    const offer = await decideOffer(tx, actor, input, facts);
    const workflow = await decideWorkflow(tx, actor, input, facts, offer, now);
    const place = await choosePlace(tx, actor, input, facts, workflow);
    await holdPatronLimit(tx, facts.patron, offer);
    return writeRequest(tx, actor, input, facts, offer, workflow, place, now);
  });
}

export type Tx = Executor;
type Patron = NonNullable<Awaited<ReturnType<typeof readPlacementStart>>>;

/** The form alone, before any database work: dates, pages, the fields that go together. */
function checkForm(input: PlaceRequestInput, now: Date): void {
  const today = now.toISOString().slice(0, 10);
  const formProblems = crossCheckForm(input.form, today, { pagesMayBeInComment: input.pagesMayBeInComment ?? false });
  if (formProblems.length) throw invalidFields(formProblems);
}

export interface PlacementFacts {
  patron: Patron;
  ask: PlacementAsk;
  source: RequestSource;
  course: { code: string; name: string | null } | null;
  bib: NonNullable<Awaited<ReturnType<typeof findBib>>>;
  /** null: a title-level request */
  item: Awaited<ReturnType<typeof chooseItem>>;
  libraryId: number;
  /** the library's code and name: routing facts, and the answer shows them */
  library: { code: string; name: string };
  /** the institution's form (DOMAIN 5.6) and the custom checkboxes the patron ticked */
  formConfig: Awaited<ReturnType<typeof effectiveForm>>["config"];
  ticked: readonly string[];
  /** the patron's open or recent requests this one may duplicate */
  duplicates: Awaited<ReturnType<typeof findDuplicates>>;
}

/**
 * Load the facts: the patron (and whether the caller may place for them), the title, the item
 * or the library whose collection is searched, and the patron's standing (active, not blocked).
 */
async function loadPlacementFacts(tx: Tx, actor: Actor, input: PlaceRequestInput, now: Date): Promise<PlacementFacts> {
  // PostgreSQL locks the patron's row here, and reads with it what the checks below read first.
  const patron = await readPlacementStart(tx, {
    institutionId: actor.institutionId,
    userId: input.userId,
    bibId: input.mmsId,
    now,
  });
  if (!patron) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.user });
  const course = input.course ?? null;
  const ask: PlacementAsk = {
    forSelf: input.userId === actor.userId,
    targetDestination: Boolean(input.targetDestination),
    course: course !== null,
  };
  authorizePlacement(actor, ask);
  const source: RequestSource = course ? "course" : input.source;

  // The institution's form (DOMAIN 5.6), on every way a request is placed. A patron placing
  // for themselves is not asked for a field their form does not show.
  const formConfig = (await effectiveForm(tx, actor.institutionId)).config;
  const ticked = input.checkboxes ?? [];
  const configProblems = checkFormAgainstConfig(
    formConfig,
    { form: input.form, checkboxes: ticked },
    { placedByPatron: ask.forSelf },
  );
  if (configProblems.length) throw invalidFields(configProblems);

  const bib = await findBib(tx, actor.institutionId, input.mmsId);
  if (!bib) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.title });
  const item = await chooseItem(tx, actor.institutionId, input);
  const libraryId = item?.library_id ?? (await libraryOfTitleRequest(tx, actor, input, bib.id));
  if (!mayPlaceIn(actor, ask, libraryId)) {
    throw placingForOthersRefused(await findLibraryCode(tx, libraryId));
  }
  // An item's read already joined its library's code and name.
  const library = item
    ? { code: item.library_code, name: item.library_name }
    : await libraryShown(tx, actor.institutionId, libraryId);

  const today = now.toISOString().slice(0, 10);
  if (patron.status !== "ACTIVE" || (patron.expiry_date !== null && patron.expiry_date < today)) {
    throw new AppError("PATRON_INACTIVE");
  }
  if (patron.active_blocks > 0) throw new AppError("PATRON_BLOCKED");
  const duplicates = await findDuplicates(tx, patron.id, bib.id, item?.id ?? null, input.form, now);
  return { patron, ask, source, course, bib, item, libraryId, library, formConfig, ticked, duplicates };
}

/** A title-level request's library: the one named, else the title's first holding's. */
async function libraryOfTitleRequest(tx: Tx, actor: Actor, input: PlaceRequestInput, bibId: number): Promise<number> {
  const libraryId = input.libraryCode
    ? await findLibraryIdByCode(tx, actor.institutionId, input.libraryCode)
    : ((await firstHoldingLibrary(tx, bibId))?.id ?? null);
  if (libraryId === null) {
    throw invalidFields([
      input.libraryCode
        ? problem("library", (m) => m.fields.libraryUnknown, "is not a library of this institution")
        : problem(
            "library",
            (m) => m.fields.libraryRequired,
            "is required for a title with no holdings: say which library’s collection to search",
          ),
    ]);
  }
  return libraryId;
}

async function libraryShown(tx: Tx, institutionId: number, libraryId: number) {
  const library = await findLibrary(tx, institutionId, libraryId);
  if (!library) throw new AppError("NOT_FOUND", { message: "No such library." });
  return { code: library.code, name: library.name };
}

export interface Offer {
  limitDecision: Awaited<ReturnType<typeof decideLimit>>;
  /** the patron's limit of active requests; null: none */
  limit: number | null;
  pages: number | null;
}

/**
 * Decide the offer, in DOMAIN 4's order: patron limits before the terms of use, delivery rules
 * and display logic (`assertOffered`), then the pages the terms of use allow.
 */
async function decideOffer(tx: Tx, actor: Actor, input: PlaceRequestInput, facts: PlacementFacts): Promise<Offer> {
  const { patron, bib, item, libraryId } = facts;
  const limitDecision = await decideLimit(tx, actor.institutionId, patron.group_code);
  const limit = limitDecision.output.max_digitization_requests;
  if (limit === 0) {
    throw new AppError("DIGITIZATION_NOT_ALLOWED", {
      message: `Patrons of user group ${patron.group_code} may not request digitization.`,
      details: { table: "patron_limits", rule_id: limitDecision.ruleId, rule_name: limitDecision.ruleName },
    });
  }
  const offer = await assertOffered(tx, actor.institutionId, patron.group_code, bib, item, libraryId);
  const pages = pagesRequested(input.form);
  if (offer.maxPages !== null && pages !== null && pages > offer.maxPages) {
    const max = offer.maxPages;
    throw invalidFields([
      problem(
        "required_pages_range",
        (m) => m.fields.tooManyPages(pages, max),
        `asks for ${pages} pages; the item’s terms of use allow at most ${max} per request`,
      ),
    ]);
  }
  return { limitDecision, limit, pages };
}

export interface WorkflowChoice {
  decision: Awaited<ReturnType<typeof resolveWorkflow>>;
  facts: ReturnType<typeof digitizationFacts>;
}

/** The digitization rule that decides the workflow, from the facts (kept with the trace for explain). */
async function decideWorkflow(
  tx: Tx,
  actor: Actor,
  input: PlaceRequestInput,
  placement: PlacementFacts,
  offer: Offer,
  now: Date,
): Promise<WorkflowChoice> {
  const { patron, bib, item, library, source } = placement;
  const codes = { libraryCode: library.code, locationCode: item?.location_code ?? null };
  const history = await repo.sameItemHistory(tx, patron.id, item?.id ?? null);
  const facts = digitizationFacts({
    userGroup: patron.group_code,
    ...codes,
    materialType: item?.material_type ?? bib.material_type,
    itemPolicy: item?.item_policy ?? null,
    publicationYear: bib.publication_year,
    totalPages: item?.page_count ?? bib.page_count,
    pagesRequested: offer.pages,
    wholeItem: !input.form.partial_digitization,
    fullChapter: input.form.full_chapter === true,
    source,
    daysSinceSameItemRequest: history.lastRequestDate
      ? Math.floor((now.getTime() - Date.parse(history.lastRequestDate)) / 86_400_000)
      : null,
    openRequestsSameItem: history.open,
  });
  const decision = await resolveWorkflow(tx, actor.institutionId, facts, { trace: true });
  return { decision, facts };
}

export type ChosenPlace = ReturnType<typeof resolveHandlingPlace> & {
  place: NonNullable<ReturnType<typeof resolveHandlingPlace>["place"]>;
};

/** Choose the place: staff's target, else the rule's, else the handling place that serves the library. */
async function choosePlace(
  tx: Tx,
  actor: Actor,
  input: PlaceRequestInput,
  facts: PlacementFacts,
  { decision }: WorkflowChoice,
): Promise<ChosenPlace> {
  const workflow = decision.workflow;
  const explicit = input.targetDestination
    ? { code: input.targetDestination, source: "staff" as const }
    : workflow.target_destination
      ? { code: workflow.target_destination, source: "rule" as const }
      : null;
  const candidates = await readPlaceCandidates(tx, {
    institutionId: actor.institutionId,
    libraryId: facts.libraryId,
    code: explicit?.code ?? null,
    patronId: facts.patron.id,
  });
  const place = resolveHandlingPlace(facts.libraryId, candidates, explicit);
  if (!place.place) {
    if (place.code === "UNKNOWN_TARGET") {
      throw invalidFields([{ field: "target_destination", message: place.reason }]);
    }
    throw new AppError("NO_HANDLING_PLACE", { message: place.reason });
  }
  return place as ChosenPlace;
}

/**
 * Hold the limit: count the active requests under the patron's lock, so that concurrent
 * placements never exceed it (the insert follows in the same transaction). The lock is already
 * held: PostgreSQL took it on the patron's row in the transaction's first read
 * (readPlacementStart), and SQLite's transactions begin immediate, holding the write lock.
 */
async function holdPatronLimit(tx: Tx, patron: Patron, { limit, limitDecision }: Offer): Promise<void> {
  if (limit === null) return;
  const active = await repo.countActiveRequests(tx, patron.id);
  if (active >= limit) {
    throw new AppError("PATRON_LIMIT_REACHED", {
      message: `The patron already has ${active} active digitization requests; user group ${patron.group_code} allows ${limit}.`,
      say: (m) => m.refusals.patronLimit(active, limit),
      details: { active, limit, table: "patron_limits", rule_id: limitDecision.ruleId },
    });
  }
}
