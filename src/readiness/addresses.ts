import type { Fix } from "./model.js";

/**
 * The staff app's setup screens, by stable address (docs/readiness.md lists them so the setup
 * screens, built later, answer exactly these), each with the API call that makes the same fix.
 * Addresses are under the institution's base: the page prefixes `/i/CODE` where it runs there.
 */

const enc = encodeURIComponent;

export const fixes = {
  libraries: (): Fix => ({ page: "/staff/setup/libraries", api: "POST /api/v1/libraries" }),
  catalogue: (): Fix => ({ page: "/staff/setup/catalogue", api: "POST /api/v1/catalogue/imports" }),
  departments: (): Fix => ({ page: "/staff/setup/departments", api: "POST /api/v1/departments" }),
  department: (d: { id: number; code: string }, section?: "operators" | "printer" | "work-time"): Fix => ({
    page: `/staff/setup/departments/${enc(d.code)}${section ? `#${section}` : ""}`,
    api: section === "operators" ? `POST /api/v1/departments/${d.id}/operators` : `PATCH /api/v1/departments/${d.id}`,
  }),
  desk: (k: { id: number; code: string; library_code: string }, section?: "operators" | "work-time"): Fix => ({
    page: `/staff/setup/libraries/${enc(k.library_code)}/desks/${enc(k.code)}${section ? `#${section}` : ""}`,
    // a desk's operators are Work Order Operator grants scoped to it, given user by user
    api: section === "operators" ? "POST /api/v1/users/{user_id}/roles" : `PATCH /api/v1/desks/${k.id}`,
  }),
  printers: (): Fix => ({ page: "/staff/setup/printers", api: "POST /api/v1/printers" }),
  userGroups: (): Fix => ({ page: "/staff/setup/user-groups", api: "POST /api/v1/user-groups" }),
  roles: (): Fix => ({ page: "/staff/setup/roles", api: "POST /api/v1/users/{user_id}/roles" }),
  /** a rule table, or one of its rules (null: the default rule) */
  rules: (table: string, ruleId?: number | null): Fix => {
    if (ruleId === undefined)
      return { page: `/staff/setup/rules/${table}`, api: `POST /api/v1/rule-tables/${table}/rules` };
    if (ruleId === null)
      return { page: `/staff/setup/rules/${table}#default`, api: `PUT /api/v1/rule-tables/${table}/default` };
    return {
      page: `/staff/setup/rules/${table}#rule-${ruleId}`,
      api: `PATCH /api/v1/rule-tables/${table}/rules/${ruleId}`,
    };
  },
  approvalReasons: (): Fix => ({ page: "/staff/setup/approval-reasons", api: "PATCH /api/v1/approval-reasons/{id}" }),
  letters: (): Fix => ({ page: "/staff/setup/letters", api: "PATCH /api/v1/letters/{code}" }),
  letter: (code: string): Fix => ({ page: `/staff/setup/letters/${enc(code)}`, api: `PATCH /api/v1/letters/${code}` }),
  letterText: (code: string, language: string): Fix => ({
    page: `/staff/setup/letters/${enc(code)}?language=${enc(language)}`,
    api: `PUT /api/v1/letters/${code}/templates/${enc(language)}`,
  }),
};
