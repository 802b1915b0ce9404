import { itemPlaces } from "../catalogue/items-repository.js";
import type { DomainContext } from "../context.js";
import { LETTER_CODES, LETTERS, type LetterCode } from "../letters/letter-codes.js";
import { letterSettings } from "../letters/letters-repository.js";
import { renderLetter, TemplateProblem } from "../letters/render.js";
import { sampleLetterData } from "../letters/sample-data.js";
import { chooseTemplate } from "../letters/templates.js";
import { listDepartments, servedLibraryRows } from "../organisation/departments-repository.js";
import { listDesks } from "../organisation/desks-repository.js";
import type { PlaceCandidate } from "../organisation/handling-place.js";
import { loadPlaceCandidates } from "../organisation/handling-place-repository.js";
import { institutionLanguage } from "../organisation/institution-repository.js";
import { listInstitutionLocations, listLibraries } from "../organisation/libraries-repository.js";
import { activePlaceGrants } from "../people/role-assignments-repository.js";
import { listUserGroups } from "../people/user-groups-repository.js";
import { preferredLanguages } from "../people/users-repository.js";
import type { CompiledTable, Condition } from "../rules/engine/engine.js";
import { listReasons } from "../rules/service-terms/approval-reasons-repository.js";
import { listTermsOfUse } from "../rules/service-terms/service-terms-repository.js";
import { compiledTable, inheritedRules } from "../rules/tables/compiled-tables.js";
import type { LimitOutput } from "../rules/tables/patron-limit-rows.js";
import { findTable, listRules, type RuleRow } from "../rules/tables/repository.js";

/**
 * What the readiness checks look at, read once through the owning repositories. The checks
 * themselves (checks-*.ts) are pure functions of these facts; only the letters are rendered
 * here, since rendering runs in the sandboxed pool.
 */

export interface TableRule {
  id: number;
  name: string;
  enabled: boolean;
  conditions: Condition[];
  output: unknown;
  /** set by the consortium: the member sees it and cannot change it */
  inherited: boolean;
}

export interface LetterRender {
  code: LetterCode;
  /** the language asked for (a patron's preference, or the institution's) */
  language: string;
  /** the language of the text chosen for it */
  templateLanguage: string;
  customized: boolean;
  error: string | null;
}

export type ReadinessFacts = Awaited<ReturnType<typeof readinessFacts>>;

async function tableRules(ctx: DomainContext, institutionId: number, kind: string) {
  const table = await findTable(ctx.db, institutionId, kind);
  const inherited = await inheritedRules(ctx.db, institutionId, kind);
  const rule = (r: RuleRow, fromConsortium: boolean): TableRule => ({
    id: r.id,
    name: r.name,
    enabled: r.enabled === 1,
    conditions: JSON.parse(r.conditions) as Condition[],
    output: JSON.parse(r.output) as unknown,
    inherited: fromConsortium,
  });
  return {
    exists: table !== undefined,
    defaultOutput: table ? (JSON.parse(table.default_output) as unknown) : null,
    rules: [
      ...(inherited?.rules ?? []).map((r) => rule(r, true)),
      ...(table ? await listRules(ctx.db, table.id) : []).map((r) => rule(r, false)),
    ],
  };
}

/** Which terms of use each fulfillment unit's Request rules can give: its enabled rules' and its default. */
async function unitTerms(ctx: DomainContext, institutionId: number, unitIds: number[]) {
  const terms = new Map<number, string[]>();
  for (const id of unitIds) {
    const t = await tableRules(ctx, institutionId, `fulfillment_unit:${id}`);
    const outputs = [t.defaultOutput, ...t.rules.filter((r) => r.enabled).map((r) => r.output)];
    terms.set(
      id,
      outputs.map((o) => (o as { terms_of_use?: string } | null)?.terms_of_use).filter((c): c is string => !!c),
    );
  }
  return terms;
}

async function renderLetters(
  ctx: DomainContext,
  institution: { name: string; code: string; default_language: string },
  institutionId: number,
  enabled: ReadonlyMap<LetterCode, boolean>,
): Promise<LetterRender[]> {
  const languages = [...new Set([institution.default_language, ...(await preferredLanguages(ctx.db, institutionId))])];
  const renders: LetterRender[] = [];
  for (const code of LETTER_CODES) {
    if (!enabled.get(code)) continue;
    // the pick slip is for staff: printed in the institution's language only (printing/slip.ts)
    for (const language of code === "resource_request_slip" ? [institution.default_language] : languages) {
      const template = await chooseTemplate(ctx.db, institutionId, code, [language, institution.default_language]);
      let error: string | null = null;
      try {
        await renderLetter(
          template,
          sampleLetterData(institution, ctx.config.publicUrl, language),
          ctx.config.letterRender,
        );
      } catch (err) {
        if (!(err instanceof TemplateProblem)) throw err;
        error = `${err.field}: ${err.message}`;
      }
      renders.push({
        code,
        language,
        templateLanguage: template.language,
        customized: template.customized,
        error,
      });
    }
  }
  return renders;
}

export async function readinessFacts(ctx: DomainContext, institutionId: number) {
  const { db } = ctx;
  const institution = await institutionLanguage(db, institutionId);
  const [libraries, locations, items, departments, desks, grants, groups, terms, reasons, settings] = await Promise.all(
    [
      listLibraries(db, institutionId),
      listInstitutionLocations(db, institutionId),
      itemPlaces(db, institutionId),
      listDepartments(db, institutionId),
      listDesks(db, institutionId),
      activePlaceGrants(db, institutionId),
      listUserGroups(db, institutionId),
      listTermsOfUse(db, institutionId),
      listReasons(db, institutionId),
      letterSettings(db, institutionId),
    ],
  );
  const served = await servedLibraryRows(
    db,
    departments.map((d) => d.id),
  );
  const libraryCode = new Map(libraries.map((l) => [l.id, l.code]));
  const candidates: PlaceCandidate[] = await loadPlaceCandidates(db, institutionId);
  const units = [...new Set(items.map((i) => i.unit_id).filter((u): u is number => u !== null))];
  const enabled = new Map(LETTER_CODES.map((c) => [c, settings.get(c) ?? LETTERS[c].enabledByDefault]));
  return {
    institution: { id: institutionId, ...institution },
    libraries,
    locations,
    itemPlaces: items,
    unitTerms: await unitTerms(ctx, institutionId, units),
    digitizableTerms: new Set(terms.filter((t) => t.is_digitizable === 1).map((t) => t.code)),
    placeCandidates: candidates,
    departments: departments.map((d) => ({
      ...d,
      served_library_ids: served.filter((s) => s.department_id === d.id).map((s) => s.library_id),
    })),
    desks: desks.map((k) => ({ ...k, library_code: libraryCode.get(k.library_id) ?? "" })),
    placeGrants: grants,
    userGroups: groups,
    tables: {
      delivery: await compiledTable<{ allowed: boolean }>(db, institutionId, "delivery"),
      display_logic: await compiledTable<{ hide: string[] }>(db, institutionId, "display_logic"),
      patron_limits: await compiledTable<LimitOutput>(db, institutionId, "patron_limits"),
    } satisfies Record<string, CompiledTable<unknown>>,
    rules: {
      delivery: await tableRules(ctx, institutionId, "delivery"),
      display_logic: await tableRules(ctx, institutionId, "display_logic"),
      digitization: await tableRules(ctx, institutionId, "digitization"),
    },
    approvalReasons: new Map(reasons.map((r) => [r.code, r.active === 1])),
    letters: enabled,
    renders: await renderLetters(ctx, institution, institutionId, enabled),
  };
}
