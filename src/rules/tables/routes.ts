import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../server/auth-plugin.js";
import { errorResponses } from "../../server/schemas.js";
import type { Condition } from "../engine/engine.js";
import { inheritedRules } from "./compiled-tables.js";
import { parametersByKind, type ParameterDef } from "../engine/parameters.js";
import * as repo from "./repository.js";
import * as uc from "./rule-tables.js";
import { tableTitle } from "../engine/table-kinds.js";
import { tableParam, ruleParam, outputSchema, ruleBody, ruleSchema, tableSchema, versionSchema } from "./schemas.js";
import { presentRule, presentParameter } from "./present.js";

const asInput = (b: z.infer<typeof ruleBody>): uc.RuleInput => ({ ...b, conditions: b.conditions as Condition[] });

/** Every rule table shares these endpoints: /api/v1/rule-tables/{table}/... */
export const ruleTableRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;
  const tags = ["Rules"];
  const ref = (req: { params: { table: string } } & Parameters<typeof requireActor>[0]) =>
    uc.resolveTable(db, requireActor(req), req.params.table);

  app.get(
    "/rule-tables/:table",
    {
      schema: {
        tags,
        summary: "Read a rule table: its rules in order, its default output and the parameters it accepts",
        params: tableParam,
        response: { 200: tableSchema, ...errorResponses },
      },
    },
    async (req) => {
      const r = await ref(req);
      const actor = requireActor(req);
      const table = await uc.loadTable(db, actor, r);
      const inherited = await inheritedRules(db, actor.institutionId, r.key);
      return {
        table: req.params.table,
        kind: r.kind,
        title: tableTitle[r.kind],
        revision: table.revision,
        default_output: JSON.parse(table.default_output) as Record<string, unknown>,
        rules: [
          ...(inherited ? inherited.rules.map((x) => presentRule(x, inherited.consortium.code)) : []),
          ...(await repo.listRules(db, table.id)).map((x) => presentRule(x)),
        ],
        parameters: (parametersByKind[r.kind] as ParameterDef[]).map(presentParameter),
      };
    },
  );

  app.put(
    "/rule-tables/:table/default",
    {
      schema: {
        tags,
        summary: "Change the table's default output (the rule applied when no rule matches)",
        params: tableParam,
        body: z.object({ default_output: outputSchema }).strict(),
        response: { 200: z.object({ default_output: outputSchema }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await uc.updateDefaultOutput(db, actor, await ref(req), req.body.default_output, clock.now());
      const table = await uc.loadTable(db, actor, await ref(req));
      return { default_output: JSON.parse(table.default_output) as Record<string, unknown> };
    },
  );

  app.post(
    "/rule-tables/:table/rules",
    {
      schema: {
        tags,
        summary: "Add a rule at the end of the table",
        params: tableParam,
        body: ruleBody,
        response: { 201: ruleSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const rule = await uc.createRule(db, requireActor(req), await ref(req), asInput(req.body), clock.now());
      return reply.status(201).send(presentRule(rule));
    },
  );

  app.get(
    "/rule-tables/:table/rules/:id",
    {
      schema: { tags, summary: "Read a rule", params: ruleParam, response: { 200: ruleSchema, ...errorResponses } },
    },
    async (req) => {
      const { rule, consortium } = await uc.loadRule(db, requireActor(req), await ref(req), req.params.id);
      return presentRule(rule, consortium);
    },
  );

  app.patch(
    "/rule-tables/:table/rules/:id",
    {
      schema: {
        tags,
        summary: "Change a rule, or enable or disable it (send only enabled)",
        params: ruleParam,
        body: ruleBody.partial().strict(),
        response: { 200: ruleSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { conditions, ...rest } = req.body;
      const patch: Partial<uc.RuleInput> = {
        ...rest,
        ...(conditions ? { conditions: conditions as Condition[] } : {}),
      };
      return presentRule(await uc.updateRule(db, requireActor(req), await ref(req), req.params.id, patch, clock.now()));
    },
  );

  app.delete(
    "/rule-tables/:table/rules/:id",
    {
      schema: { tags, summary: "Delete a rule", params: ruleParam, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await uc.deleteRule(db, requireActor(req), await ref(req), req.params.id, clock.now());
      return reply.status(204).send(null);
    },
  );

  app.put(
    "/rule-tables/:table/order",
    {
      schema: {
        tags,
        summary: "Reorder the rules: list every rule id in the new order",
        params: tableParam,
        body: z.object({ rule_ids: z.array(z.number().int().positive()) }).strict(),
        response: { 200: z.object({ rules: z.array(ruleSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await uc.reorderRules(db, actor, await ref(req), req.body.rule_ids, clock.now());
      const table = await uc.loadTable(db, actor, await ref(req));
      return { rules: (await repo.listRules(db, table.id)).map((x) => presentRule(x)) };
    },
  );

  app.get(
    "/rule-tables/:table/versions",
    {
      schema: {
        tags,
        summary: "The table's change history: who changed what, when, before and after",
        params: tableParam,
        querystring: z.object({ rule_id: z.coerce.number().int().positive().optional() }),
        response: { 200: z.object({ versions: z.array(versionSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const table = await uc.loadTable(db, requireActor(req), await ref(req));
      const rows = await repo.listVersions(db, table.id, req.query.rule_id);
      return {
        versions: rows.map((v) => ({
          id: v.id,
          rule_id: v.rule_id,
          action: v.action,
          actor_user_id: v.actor_user_id,
          actor_name: v.actor_first_name === null ? null : `${v.actor_first_name} ${v.actor_last_name ?? ""}`.trim(),
          at: v.at,
          before: v.before === null ? null : (JSON.parse(v.before) as unknown),
          after: v.after === null ? null : (JSON.parse(v.after) as unknown),
        })),
      };
    },
  );
};
