import { z } from "zod";

/** A user's fields as every way in checks them: the API's bodies and the bulk load's records. */
export const userFields = {
  primary_id: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(100, "must be at most 100 characters")
    .regex(/^\S+$/, "must not contain spaces"),
  first_name: z.string().trim().max(255, "must be at most 255 characters"),
  last_name: z.string().trim().min(1, "must not be empty").max(255, "must be at most 255 characters"),
  email: z.email("must be a valid email address").max(254, "must be at most 254 characters").nullable(),
  barcode: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(100, "must be at most 100 characters")
    .regex(/^\S+$/, "must not contain spaces")
    .nullable()
    .describe("the library card's barcode, unique in the institution"),
  preferred_language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a language tag such as en or fr-CA")
    .nullable(),
  status: z.enum(["ACTIVE", "INACTIVE"]),
  expiry_date: z.iso.date("must be a date written YYYY-MM-DD").nullable(),
  password: z
    .string()
    .min(10, "must be at least 10 characters")
    .max(1024, "must be at most 1024 characters")
    .describe("write-only; never returned"),
};
