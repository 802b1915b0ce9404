import { z } from "zod";
import { sayOnFailure } from "../shared/messages/index.js";
import { ALL_STATES } from "./state-machine.js";
import { requestFormSchema } from "./form.js";
import { workflowOutputSchema } from "../rules/engine/workflow.js";
import { LIST_ORDERS } from "./list-cursor.js";
import { QUEUES } from "./queues.js";

/** Schemas of the requests API, shared by /api/v1 and the /almaws compatibility routes. */

export const numericId = (what: string) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .refine((v) => /^[1-9]\d{0,15}$/.test(v), { message: `must be a ${what} id (digits)`, params: sayOnFailure("id") })
    .transform(Number);

export const requestIdParam = z.object({ id: numericId("request") });

const courseSchema = z
  .object({
    code: z
      .string()
      .trim()
      .min(1, "is required: the course code")
      .max(50, "must be at most 50 characters")
      .describe("The course's code, e.g. HIST-201"),
    name: z
      .string()
      .trim()
      .max(200, "must be at most 200 characters")
      .optional()
      .transform((v) => v || null)
      .describe("The course's name"),
  })
  .strict()
  .describe(
    "Staff only: a course-reserve request for this course; its request_source is `course`, which digitization rules can test",
  );

export const placeRequestBody = requestFormSchema.extend({
  user_id: z.string().trim().min(1).optional().describe("The patron's primary id; defaults to the caller"),
  mms_id: numericId("title"),
  item_id: numericId("item").optional(),
  library: z.string().trim().min(1).optional().describe("For a title without holdings: the library to search"),
  target_destination: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe("Staff only: the department or desk code that should do the work"),
  course: courseSchema.optional(),
  custom_checkboxes: z
    .array(z.string().max(50))
    .max(20)
    .optional()
    .describe("The codes of the request form's custom checkboxes that are ticked (GET /request-form)"),
  duplicate_acknowledged: z
    .boolean()
    .optional()
    .describe("The patron saw the duplicate warning (POST /requests/duplicate-check) and submits anyway"),
  request_source: z
    .literal("openurl")
    .optional()
    .describe("A patron placing for themselves from an OpenURL link says so; recorded as the request's source"),
});

const placeCode = (what: string) => z.string().trim().min(1).max(50).optional().describe(what);

const stateEnum = z.enum(ALL_STATES as [string, ...string[]]);

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, `must be a date written YYYY-MM-DD, e.g. 2026-03-02`)
  .refine((v) => {
    const at = Date.parse(`${v}T00:00:00Z`);
    return !Number.isNaN(at) && new Date(at).toISOString().startsWith(v);
  }, "is not a day of the calendar");

export const listRequestsQuery = z
  .object({
    state: z
      .string()
      .optional()
      .transform((s) => (s ? s.split(",").map((x) => x.trim().toUpperCase()) : undefined))
      .pipe(z.array(stateEnum).optional())
      .describe("Comma-separated states, e.g. PICK_FROM_SHELF,IN_TRANSIT"),
    queue: z
      .enum(QUEUES)
      .optional()
      .describe(
        "A staff work queue; with place, a moving request stands in one of pick, transit and scan_in at most. " +
          "pick (PICK_FROM_SHELF, on the shelves of the place's library; a place without a library: the requests it " +
          "handles), transit (IN_TRANSIT, picked from the place's library for another place), scan_in (IN_TRANSIT to " +
          "the place: scanning it there is its arrival), digitization (IN_DIGITIZATION), approval / copyright (a " +
          "pending task of that kind, in any open state), deliver (DIGITIZED with no pending task). Without a queue, " +
          "place is the place that handles the request",
      ),
    task: z
      .enum(["approval", "copyright"])
      .optional()
      .describe("Only requests with a pending task of this kind (parallel tasks included)"),
    library: z.string().trim().min(1).max(50).optional().describe("Library code"),
    place: placeCode("Department or desk code: the place that handles it, or with a queue the place that works it"),
    user_id: z.string().trim().min(1).max(255).optional().describe("Patron primary id"),
    course: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .optional()
      .describe("Course code: the course-reserve requests of that course"),
    item_barcode: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe("The requests for the item with this barcode (an unknown barcode matches nothing)"),
    from: isoDate.describe("Placed on or after this day, YYYY-MM-DD: a day of the institution's time zone").optional(),
    to: isoDate.describe("Placed on or before this day, YYYY-MM-DD: a day of the institution's time zone").optional(),
    sort: z
      .enum(LIST_ORDERS)
      .default("created_desc")
      .describe(
        "created_desc (newest first, the default), created_asc, due_asc (the soonest to expire first), due_desc",
      ),
    cursor: z
      .string()
      .max(500)
      .optional()
      .describe("next_cursor or prev_cursor of the page before, with the same sort"),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to < q.from) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `must be on or after from (${q.from})` });
    }
  });

export const noteBody = z.object({ note: z.string().trim().max(2000).nullable().optional() }).strict();

export const closeBody = z
  .object({
    reason: z.string().trim().min(1, "is required: say why").max(500),
    note: z.string().trim().max(2000).nullable().optional(),
  })
  .strict();

export const cancelBody = closeBody
  .extend({
    notify_user: z
      .boolean()
      .optional()
      .describe("false: cancel without the request_cancelled letter (the history records it); default true"),
  })
  .strict();

const copyrightDetailsSchema = z
  .object({
    source: z.string().trim().max(500).nullable().optional(),
    licence_or_transaction_number: z.string().trim().max(200).nullable().optional(),
    fee: z
      .object({
        amount: z.number().nonnegative(),
        currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD"),
      })
      .nullable()
      .optional(),
  })
  .strict();

export const approveTaskBody = z
  .object({
    reason: z.string().trim().max(500).nullable().optional(),
    note: z.string().trim().max(2000).nullable().optional(),
    details: copyrightDetailsSchema.optional(),
  })
  .strict();

export const rejectTaskBody = approveTaskBody.extend({
  reason: z.string().trim().min(1, "is required: say why").max(500),
});

export const taskParams = z.object({ id: numericId("request"), task_id: numericId("task") });

const taskSchema = z.object({
  task_id: z.string(),
  kind: z.enum(["approval", "copyright"]),
  status: z.enum(["pending", "approved", "rejected"]),
  reason: z.string().nullable(),
  reason_label: z
    .string()
    .nullable()
    .describe("for a task approved automatically: the label of its approval reason (reason is the code)"),
  note: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  decided_by: z.string().nullable(),
  decided_at: z.string().nullable(),
});

const fileSchema = z.object({
  file_id: z.string(),
  file_name: z.string(),
  content_type: z.string(),
  size_bytes: z.number(),
  sha256: z.string(),
  page_count: z.number().nullable().describe("pages of a PDF; null for images and PDFs that could not be counted"),
  active: z.boolean(),
  created_at: z.string(),
});

/** The form as stored and answered: plain values, no input coercion (responses are encoded, not parsed). */
export const storedFormSchema = z.object({
  partial_digitization: z.boolean(),
  chapter_or_article_title: z.string().optional(),
  chapter_or_article_author: z.string().optional(),
  volume: z.string().optional(),
  issue: z.string().optional(),
  part: z.string().optional(),
  date_of_publication: z.string().optional(),
  required_pages_range: z.array(z.object({ from_page: z.string(), to_page: z.string() })).optional(),
  full_chapter: z.boolean().optional(),
  comment: z.string().optional(),
  last_interest_date: z.string().optional(),
  description: z.string().optional(),
  doi: z.string().optional(),
  pmid: z.string().optional(),
  copyrights_declaration_signed_by_patron: z.boolean().optional(),
  custom_checkboxes: z
    .array(z.object({ code: z.string(), label: z.string(), checked: z.boolean() }))
    .optional()
    .describe("The request form's custom checkboxes when the request was placed, and the patron's answers"),
});

export const requestSchema = storedFormSchema
  .extend({
    request_id: z.string(),
    request_type: z.literal("DIGITIZATION"),
    request_sub_type: z.enum(["PATRON_DIGITIZATION", "GENERAL_DIGITIZATION", "STAFF_DIGITIZATION"]),
    request_status: stateEnum,
    user_id: z.string(),
    mms_id: z.string(),
    title: z.string(),
    item_id: z.string().nullable(),
    barcode: z.string().nullable(),
    item_description: z.string().nullable(),
    library: z.string(),
    target_destination: z
      .object({ kind: z.enum(["department", "desk"]), code: z.string(), name: z.string() })
      .nullable(),
    request_source: z.string().describe("patron, staff, api, openurl or course"),
    course: z
      .object({ code: z.string(), name: z.string().nullable() })
      .nullable()
      .describe("The course of a course-reserve request (request_source course); null otherwise"),
    request_date: z.string(),
    due_date: z.string(),
    closed_at: z.string().nullable(),
    pages_requested: z.number().nullable().optional(),
    workflow: workflowOutputSchema,
    tasks: z.array(taskSchema),
    files: z.array(fileSchema),
    allowed_actions: z.array(z.string()).describe("What the caller may do next; buttons should match"),
  })
  .describe("A digitization request");

export const eventSchema = z.object({
  event_id: z.string(),
  at: z.string(),
  action: z.string(),
  from_state: z.string().nullable(),
  to_state: z.string().nullable(),
  by: z.string().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const duplicateCheckAnswer = z.object({
  window_days: z.number().describe("How far back a closed request still counts"),
  duplicates: z.array(
    z.object({
      request_id: z.string(),
      request_status: z.string(),
      request_date: z.string(),
      item_description: z.string().nullable(),
      required_pages_range: z
        .array(z.object({ from_page: z.string(), to_page: z.string() }))
        .nullable()
        .describe("null: the whole item, or a part without pages"),
    }),
  ),
});

export const requestPageSchema = z.object({
  requests: z.array(requestSchema),
  next_cursor: z.string().nullable().describe("the following page, or null on the last"),
  prev_cursor: z.string().nullable().describe("the page before, or null on the first"),
});

export const queueCountsQuery = z.object({
  place: placeCode("Department or desk code; without it, every request the caller sees"),
});

export const queueCountsAnswer = z.object({
  place: z.string().nullable(),
  queues: z
    .array(z.object({ queue: z.enum(QUEUES), count: z.number() }))
    .describe("Each work queue (GET /requests?queue=) and how many requests stand in it"),
  failed_letters: z
    .number()
    .nullable()
    .describe(
      "Letters and print jobs that failed (GET /outbox?status=failed); null when the caller may not see the outbox",
    ),
});
