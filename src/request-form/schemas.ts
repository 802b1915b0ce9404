import { z } from "zod";
import { FORM_FIELD_CODES, FORM_LANGUAGES, requestFormConfigSchema } from "./model.js";

/** The zod schemas of routes.ts: what the request form routes accept and answer. */

export const formQuery = z.object({
  lang: z
    .enum(FORM_LANGUAGES)
    .default("en")
    .describe("The language of labels and help; missing texts fall back to English"),
});

const publicFieldSchema = z.object({
  code: z.enum(FORM_FIELD_CODES),
  label: z.string(),
  help: z.string().nullable(),
  mandatory: z.boolean(),
  default_value: z.union([z.string(), z.boolean()]).nullable(),
  order: z.number(),
});

export const publicFormSchema = z
  .object({
    language: z.enum(FORM_LANGUAGES),
    fields: z.array(publicFieldSchema).describe("The fields patrons see, in order"),
    checkboxes: z.array(z.object({ code: z.string(), label: z.string(), mandatory: z.boolean() })),
    copyright_notice: z.string().nullable(),
    inherited_from: z.string().nullable().describe("The consortium's code when the form is the consortium's"),
  })
  .describe("The request form as the caller's institution shows it, in one language");

export const configBody = z
  .object({
    config: requestFormConfigSchema,
    applies_to_members: z
      .boolean()
      .default(false)
      .describe("A consortium: members use this form and cannot change it (DOMAIN 5.8)"),
  })
  .strict();

export const configAnswerSchema = z.object({
  config: z.object({
    fields: z.array(
      z.object({
        code: z.enum(FORM_FIELD_CODES),
        label: z.record(z.string(), z.string()),
        help: z.record(z.string(), z.string()),
        display_to_public: z.boolean(),
        mandatory: z.boolean(),
        default_value: z.union([z.string(), z.boolean()]).nullable(),
        order: z.number(),
      }),
    ),
    checkboxes: z.array(
      z.object({ code: z.string(), label: z.record(z.string(), z.string()), mandatory: z.boolean() }),
    ),
    copyright_notice: z.record(z.string(), z.string()),
  }),
  applies_to_members: z.boolean(),
  inherited_from: z.string().nullable(),
  locked: z.boolean().describe("true when the consortium sets the form: this institution cannot change it"),
  updated_at: z.string().nullable(),
});

export const formVersionsSchema = z.object({
  versions: z.array(
    z.object({
      id: z.number(),
      action: z.enum(["created", "updated", "deleted"]),
      actor_user_id: z.number().nullable(),
      at: z.string(),
      before: z.record(z.string(), z.unknown()).nullable(),
      after: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
});
