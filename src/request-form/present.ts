import { pick, type FormLanguage } from "./model.js";
import type { EffectiveForm } from "./request-form.js";
import type { formVersions } from "./request-form.js";

/** The JSON the request form routes answer. */

export function presentPublicForm(form: EffectiveForm, lang: FormLanguage) {
  return {
    language: lang,
    fields: form.config.fields
      .filter((f) => f.display_to_public)
      .sort((a, b) => a.order - b.order)
      .map((f) => ({
        code: f.code,
        label: pick(f.label, lang) ?? f.code,
        help: pick(f.help, lang),
        mandatory: f.mandatory,
        default_value: f.default_value,
        order: f.order,
      })),
    checkboxes: form.config.checkboxes.map((b) => ({
      code: b.code,
      label: pick(b.label, lang) ?? b.code,
      mandatory: b.mandatory,
    })),
    copyright_notice: pick(form.config.copyright_notice, lang),
    inherited_from: form.inheritedFrom,
  };
}

export function presentConfig(form: EffectiveForm) {
  return {
    config: form.config,
    applies_to_members: form.appliesToMembers,
    inherited_from: form.inheritedFrom,
    locked: form.inheritedFrom !== null,
    updated_at: form.updatedAt,
  };
}

export const presentVersion = (v: Awaited<ReturnType<typeof formVersions>>[number]) => ({
  id: v.id,
  action: v.action,
  actor_user_id: v.actor_user_id,
  at: v.at,
  before: v.before === null ? null : (JSON.parse(v.before) as Record<string, unknown>),
  after: v.after === null ? null : (JSON.parse(v.after) as Record<string, unknown>),
});
