import { z } from "zod";
import { isRealDate, requestFormSchema } from "../requests/form.js";
import { numericId, storedFormSchema } from "../requests/schemas.js";
import { ALMA_STATUSES } from "./status.js";

/*
 * The reference platform's user-request JSON. Fields it sends that Recto has no use for
 * (request_sub_type, pickup_location_type, task_name, material_type, ...) are dropped by the
 * object schemas, which strip unknown keys, so clients written for the platform work unchanged.
 */

const form = requestFormSchema.shape;

/*
 * The dates the platform's clients send: its own "2026-05-01Z", a bare "2026-05-01", or a full
 * ISO 8601 timestamp (seconds required, milliseconds and offset optional). The date is kept as
 * written: "2026-05-01T23:30:00-05:00" means 1 May to the person who wrote it.
 */
const DATE_FORMS = [
  /^(\d{4}-\d{2}-\d{2})Z?$/i,
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/i,
];

/** The day a platform date names, or null when it is none of the accepted forms or not a real day. */
function platformDate(value: string): string | null {
  for (const form of DATE_FORMS) {
    const day = form.exec(value)?.[1];
    if (day) return isRealDate(day) ? day : null;
  }
  return null;
}

const DATE_MESSAGE = "must be a date as YYYY-MM-DD, YYYY-MM-DDZ or an ISO 8601 timestamp such as 2026-05-01T00:00:00Z";

/** An empty string means "not given"; anything else gives exactly one error when it is not a date. */
const almaDate = z
  .string({ error: DATE_MESSAGE })
  .trim()
  .transform((value, ctx) => {
    if (value === "") return undefined;
    const day = platformDate(value);
    if (day === null) {
      ctx.addIssue({ code: "custom", message: DATE_MESSAGE });
      return z.NEVER;
    }
    return day;
  });

/** A range entry the platform's discovery forms send empty: no from_page and no to_page. */
const isBlankRange = (r: unknown): boolean => {
  if (r === null || r === undefined) return true;
  if (typeof r !== "object") return false;
  const { from_page, to_page } = r as Record<string, unknown>;
  const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
  return blank(from_page) && blank(to_page);
};

/**
 * Page ranges as the platform's clients send them: blank entries are dropped, and no range left
 * means none given (the pages may then be in `comment`, see crossCheckForm).
 */
const pageRanges = z
  .preprocess((v) => (Array.isArray(v) ? v.filter((r) => !isBlankRange(r)) : v), form.required_pages_range)
  .transform((ranges) => (ranges?.length ? ranges : undefined));

/** Real booleans, or the strings some clients build their bodies with. */
const flag = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);

/** Empty strings mean "not given" in the platform's JSON. */
const optionalCode = z
  .string()
  .trim()
  .max(50, "must be at most 50 characters")
  .optional()
  .transform((v) => (v ? v : undefined));

export const userIdParams = z.object({
  user_id: z.string().trim().min(1).max(255).describe("The patron's primary id"),
});
export const userRequestParams = userIdParams.extend({ request_id: numericId("request") });

const apikeyQuery = z
  .string()
  .optional()
  .describe("The API key, when not sent as 'Authorization: apikey <key>' (accepted in the URL on /almaws routes only)");
const formatQuery = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(["json", "xml"], { error: "must be json or xml" }))
  .optional()
  .describe("The answer's format; else as Accept asks, else as the body was sent (JSON by default)");

export const placeQuery = z
  .object({
    item_pid: numericId("item").optional().describe("The item to digitize"),
    mms_id: numericId("title").optional().describe("The title; for an item_pid, the item's title"),
    user_id_type: z.string().optional().describe("Accepted and ignored: Recto looks users up by primary id"),
    allow_same_request: z.string().optional().describe("Accepted and ignored"),
    apikey: apikeyQuery,
    format: formatQuery,
  })
  .refine((q) => q.item_pid !== undefined || q.mms_id !== undefined, {
    message: "is required when item_pid is not given: say which item or title to digitize",
    path: ["mms_id"],
  });

export const placeBody = z.object({
  request_type: z.literal("DIGITIZATION", {
    error: "must be DIGITIZATION: this compatibility API places digitization requests only",
  }),
  partial_digitization: flag.default(true),
  chapter_or_article_title: form.chapter_or_article_title,
  chapter_or_article_author: form.chapter_or_article_author,
  volume: form.volume,
  issue: form.issue,
  part: form.part,
  date_of_publication: form.date_of_publication,
  required_pages_range: pageRanges.describe(
    "Page ranges; blank entries are ignored. A partial request without ranges may give its pages in comment",
  ),
  full_chapter: flag.optional(),
  comment: form.comment,
  last_interest_date: almaDate
    .optional()
    .describe("YYYY-MM-DD, the platform's YYYY-MM-DDZ, or an ISO 8601 timestamp (its date is kept); empty: none"),
  description: form.description,
  doi: form.doi,
  pmid: form.pmid,
  copyrights_declaration_signed_by_patron: flag.optional(),
  target_destination: z
    .union([z.string(), z.object({ value: z.string(), desc: z.string().optional() })])
    .optional()
    .transform((v) => (typeof v === "object" ? v.value : v))
    .pipe(optionalCode)
    .describe("Staff only: the department or desk code that should do the work, as {value}"),
  pickup_location_library: optionalCode.describe(
    "For a title without holdings: the library whose collection staff should search",
  ),
  custom_checkboxes: z
    .array(z.string().max(50))
    .max(20)
    .optional()
    .describe("Recto's addition: the codes of the request form's custom checkboxes that are ticked"),
});

export const listQuery = z.object({
  request_type: z
    .enum(["DIGITIZATION", "HOLD", "BOOKING"])
    .optional()
    .describe("Recto holds digitization requests only; HOLD and BOOKING list nothing"),
  status: z.enum(["active", "history"]).default("active"),
  limit: z.coerce.number().int().min(0).max(100).default(10),
  offset: z.coerce.number().int().min(0).default(0),
  user_id_type: z.string().optional().describe("Accepted and ignored"),
  apikey: apikeyQuery,
  format: formatQuery,
});

export const readQuery = z.object({ apikey: apikeyQuery, format: formatQuery });

export const cancelQuery = z.object({
  reason: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(100, "must be at most 100 characters")
    .regex(/^[A-Za-z0-9_.-]+$/, "must be a reason code such as CancelledAtPatronRequest")
    .default("CancelledAtPatronRequest"),
  note: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
  notify_user: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(["true", "false"], { error: "must be true or false" }))
    .default("true")
    .transform((v) => v === "true")
    .describe(
      "false: cancel without the request_cancelled letter (the history records it). Default true: the letter is sent if enabled",
    ),
  apikey: apikeyQuery,
  format: formatQuery,
});

const valueDesc = z.object({ value: z.string(), desc: z.string() });

// The form fields as Recto stores them, plus the platform's own fields (its `description` is the item's).
export const userRequestSchema = storedFormSchema
  .extend({
    request_id: z.string(),
    user_primary_id: z.string(),
    request_type: z.literal("DIGITIZATION"),
    request_sub_type: valueDesc,
    request_status: z.enum(ALMA_STATUSES),
    recto_state: z.string().describe("Recto's own state (DOMAIN 7)"),
    task_name: z.string(),
    mms_id: z.string(),
    item_id: z.string().optional(),
    barcode: z.string().optional(),
    title: z.string(),
    description: z.string().optional(),
    target_destination: valueDesc.optional(),
    managed_by_library: z.string(),
    managed_by_library_code: z.string(),
    managed_by_circulation_desk: z.string().optional(),
    managed_by_circulation_desk_code: z.string().optional(),
    request_date: z.string(),
    request_time: z.string(),
    expiry_date: z.string(),
    request_source: z
      .string()
      .describe("Recto's addition: patron, staff, api, openurl or course (a course-reserve request)"),
    cancel_reason: z.string().optional().describe("Recto's addition: why a cancelled, rejected or expired one ended"),
    cancel_note: z.string().optional(),
  })
  .describe("A digitization request in the reference platform's user_request shape");

export const userRequestListSchema = z.object({
  user_request: z.array(userRequestSchema),
  total_record_count: z.number().int(),
});
