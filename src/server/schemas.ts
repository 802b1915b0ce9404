import { z } from "zod";

/** Schemas shared by every area's routes. */

export const errorSchema = z
  .object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .describe(
    "Every error answer: a stable code, a message for people, and the offending fields. The messages are in the " +
      "language Accept-Language names (en, fr, de, es; the answer's Content-Language says which), else English; " +
      "code and field never change with the language.",
  );

export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  422: errorSchema,
};

export const idParam = z.object({ id: z.coerce.number().int().positive() });

/** Codes are what people type and integrations send: short, stable, no spaces. */
export const codeField = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(50, "must be at most 50 characters")
  .regex(/^[A-Za-z0-9_.-]+$/, "may contain only letters, digits, '_', '-' and '.'");

export const nameField = z.string().trim().min(1, "must not be empty").max(255, "must be at most 255 characters");

export const optionalText = (max = 2000) =>
  z.string().trim().max(max, `must be at most ${max} characters`).nullable().optional();
