import type { Condition } from "../engine/engine.js";
import { operatorsByType, type ParameterDef } from "../engine/parameters.js";
import * as repo from "./repository.js";

/** The JSON that routes.ts answers. */
export const presentRule = (r: repo.RuleRow, consortium: string | null = null) => ({
  id: r.id,
  position: r.position,
  name: r.name,
  description: r.description,
  enabled: r.enabled === 1,
  locked: consortium !== null || r.locked === 1,
  consortium,
  conditions: JSON.parse(r.conditions) as Condition[],
  output: JSON.parse(r.output) as Record<string, unknown>,
  created_at: r.created_at,
  updated_at: r.updated_at,
});

export const presentParameter = (d: ParameterDef) => ({
  name: d.name,
  type: d.type,
  label: d.label,
  operators: [...operatorsByType[d.type]],
  values: d.domain?.kind === "fixed" ? [...d.domain.values] : null,
});
