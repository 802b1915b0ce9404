import { z } from "zod";
import { CHECK_IDS, PROBLEM_KINDS, SUBJECT_TYPES } from "./model.js";

/** The zod schemas of readiness/routes.ts. */

const fixSchema = z
  .object({
    page: z
      .string()
      .describe("the staff app's screen that fixes it, under the institution's base (docs/readiness.md lists them)"),
    api: z.string().describe('the API call that makes the same fix, e.g. "POST /api/v1/departments/3/operators"'),
  })
  .describe("Where it is fixed");

const problemSchema = z.object({
  kind: z.enum(PROBLEM_KINDS).describe("what is wrong, as a stable code"),
  severity: z.enum(["fail", "warn"]).describe("warn: the service still works, but not as well as it could"),
  subject: z
    .object({
      type: z.enum(SUBJECT_TYPES),
      id: z.string().nullable().describe("the record's id; null for the institution and for a default rule"),
      code: z.string().nullable(),
      name: z.string().nullable(),
    })
    .describe("what the problem is about: a library, place, user group, rule or letter"),
  language: z.string().nullable().describe("the language of a letter problem"),
  detail: z.string().nullable().describe("more facts: the render error, the approval reason, the delivery targets"),
  message: z.string().describe("the problem in one English sentence"),
  fix: fixSchema,
});

export const readinessSchema = z.object({
  ready: z.boolean().describe("true when no check fails: the institution can take requests"),
  checks: z.array(
    z.object({
      id: z.enum(CHECK_IDS),
      step: z.number().int().describe("the setup guide's step (1-11) the check belongs to"),
      title: z.string(),
      status: z.enum(["pass", "warn", "fail"]),
      fix: fixSchema,
      problems: z.array(problemSchema),
    }),
  ),
});
