import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import type { Db, Executor } from "../db/database.js";
import { AppError } from "../errors.js";
import { consortiumOf } from "../organisation/institution-repository.js";
import { listVersions as listPolicyVersions, recordVersion } from "../rules/service-terms/versions.js";
import { DEFAULT_REQUEST_FORM } from "./default-config.js";
import { requestFormConfigSchema, type RequestFormConfig } from "./model.js";
import * as repo from "./repository.js";

/*
 * The request form configuration's use cases: the effective form of an institution (its
 * consortium's where the consortium applies its form to members, DOMAIN 5.8), changing it
 * (Fulfillment Administrator; versioned like the service terms), and its history.
 */

export interface EffectiveForm {
  config: RequestFormConfig;
  /** the consortium's code when the form is the consortium's */
  inheritedFrom: string | null;
  appliesToMembers: boolean;
  updatedAt: string | null;
}

// Every placement reads the form: a stored text already checked is not checked again. Callers
// read the config and never change it, so one parsed object serves them all.
const parsed = new Map<string, RequestFormConfig>();
const PARSED_KEPT = 64;
function parse(json: string): RequestFormConfig {
  const hit = parsed.get(json);
  if (hit) return hit;
  const config = requestFormConfigSchema.parse(JSON.parse(json));
  if (parsed.size >= PARSED_KEPT) parsed.delete(parsed.keys().next().value!);
  parsed.set(json, config);
  return config;
}

export async function effectiveForm(db: Executor, institutionId: number): Promise<EffectiveForm> {
  const consortium = await consortiumOf(db, institutionId);
  if (consortium) {
    const shared = await repo.findConfigRow(db, consortium.id);
    if (shared && shared.applies_to_members === 1) {
      return {
        config: parse(shared.config),
        inheritedFrom: consortium.code,
        appliesToMembers: false,
        updatedAt: shared.updated_at,
      };
    }
  }
  const own = await repo.findConfigRow(db, institutionId);
  // An institution always has a row (migration 021, creation); the starting form covers a gap.
  if (!own) return { config: DEFAULT_REQUEST_FORM, inheritedFrom: null, appliesToMembers: false, updatedAt: null };
  return {
    config: parse(own.config),
    inheritedFrom: null,
    appliesToMembers: own.applies_to_members === 1,
    updatedAt: own.updated_at,
  };
}

/** Gives a new institution the starting form (institution creation). */
export async function seedRequestForm(db: Executor, institutionId: number, at: string): Promise<void> {
  await repo.upsertConfig(db, institutionId, JSON.stringify(DEFAULT_REQUEST_FORM), false, at);
}

export async function readFormConfig(db: Db, actor: Actor): Promise<EffectiveForm> {
  authorize(actor, "configuration.read");
  return effectiveForm(db, actor.institutionId);
}

export async function updateFormConfig(
  db: Db,
  actor: Actor,
  input: { config: RequestFormConfig; appliesToMembers: boolean },
  now: Date,
): Promise<EffectiveForm> {
  authorize(actor, "fulfillment.manage");
  return db.transaction().execute(async (tx) => {
    const current = await effectiveForm(tx, actor.institutionId);
    if (current.inheritedFrom) {
      throw new AppError("FORM_LOCKED_BY_CONSORTIUM", {
        message: `The request form is set by the consortium ${current.inheritedFrom}; members read it and cannot change it.`,
        details: { consortium: current.inheritedFrom },
      });
    }
    const fields = [...input.config.fields].sort((a, b) => a.order - b.order);
    const config: RequestFormConfig = { ...input.config, fields };
    const at = now.toISOString();
    const before = await repo.findConfigRow(tx, actor.institutionId);
    const after = JSON.stringify(config);
    const id = await repo.upsertConfig(tx, actor.institutionId, after, input.appliesToMembers, at);
    await recordVersion(
      tx,
      actor,
      "request_form",
      id,
      before ? "updated" : "created",
      before
        ? JSON.stringify({
            ...(JSON.parse(before.config) as object),
            applies_to_members: before.applies_to_members === 1,
          })
        : null,
      JSON.stringify({ ...config, applies_to_members: input.appliesToMembers }),
      at,
    );
    return { config, inheritedFrom: null, appliesToMembers: input.appliesToMembers, updatedAt: at };
  });
}

export async function formVersions(db: Db, actor: Actor) {
  return listPolicyVersions(db, actor, "request_form");
}
