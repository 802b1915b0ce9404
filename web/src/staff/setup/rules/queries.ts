import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../../../shared/api/client";
import type { paths } from "../../../shared/api/schema";

/** The rule-table editor's reads and writes: one rule engine, the same calls for every table. */

export type RuleTable = paths["/api/v1/rule-tables/{table}"]["get"]["responses"][200]["content"]["application/json"];
export type Rule = RuleTable["rules"][number];
export type Condition = Rule["conditions"][number];
export type Parameter = RuleTable["parameters"][number];
export type Version =
  paths["/api/v1/rule-tables/{table}/versions"]["get"]["responses"][200]["content"]["application/json"]["versions"][number];
export type ApprovalReason =
  paths["/api/v1/approval-reasons"]["get"]["responses"][200]["content"]["application/json"]["approval_reasons"][number];
export type RuleBody = paths["/api/v1/rule-tables/{table}/rules"]["post"]["requestBody"]["content"]["application/json"];

const inTable = (table: string) => ({ params: { path: { table } } });
const ofRule = (table: string, id: number) => ({ params: { path: { table, id } } });

export const tableQuery = (table: string) =>
  queryOptions({
    queryKey: ["rule-table", table],
    queryFn: () => unwrap(api.GET("/api/v1/rule-tables/{table}", inTable(table))),
    retry: false,
  });

export const versionsQuery = (table: string, ruleId?: number) =>
  queryOptions({
    queryKey: ["rule-table", table, "versions", ruleId ?? "all"],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/rule-tables/{table}/versions", {
          params: { path: { table }, query: ruleId === undefined ? {} : { rule_id: ruleId } },
        }),
      ),
    retry: false,
  });

export const reasonsQuery = queryOptions({
  queryKey: ["approval-reasons"],
  queryFn: () => unwrap(api.GET("/api/v1/approval-reasons")),
  retry: false,
});

export const termsOfUseQuery = queryOptions({
  queryKey: ["terms-of-use"],
  queryFn: () => unwrap(api.GET("/api/v1/terms-of-use")),
  retry: false,
});

/** A fulfillment unit by id: its rule table is named by its code. */
export const unitQuery = (id: number) =>
  queryOptions({
    queryKey: ["fulfillment-unit", id],
    queryFn: () => unwrap(api.GET("/api/v1/fulfillment-units/{id}", { params: { path: { id } } })),
    retry: false,
  });

export const saveRule = (table: string, id: number | null, body: RuleBody) =>
  id === null
    ? unwrap(api.POST("/api/v1/rule-tables/{table}/rules", { ...inTable(table), body }))
    : unwrap(api.PATCH("/api/v1/rule-tables/{table}/rules/{id}", { ...ofRule(table, id), body }));

export const setEnabled = (table: string, id: number, enabled: boolean) =>
  unwrap(api.PATCH("/api/v1/rule-tables/{table}/rules/{id}", { ...ofRule(table, id), body: { enabled } }));

export const deleteRule = (table: string, id: number) =>
  unwrap(api.DELETE("/api/v1/rule-tables/{table}/rules/{id}", ofRule(table, id)));

export const saveOrder = (table: string, ruleIds: number[]) =>
  unwrap(api.PUT("/api/v1/rule-tables/{table}/order", { ...inTable(table), body: { rule_ids: ruleIds } }));

export const saveDefault = (table: string, output: Record<string, unknown>) =>
  unwrap(api.PUT("/api/v1/rule-tables/{table}/default", { ...inTable(table), body: { default_output: output } }));
