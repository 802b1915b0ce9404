import { z } from "zod";
import { codeField, optionalText } from "../server/schemas.js";
import { isWebUrl, MATERIAL_TYPES, MAX_URL_LENGTH } from "./bib-fields.js";

/** Zod schemas of the catalogue API, shared by its routes; they feed validation and OpenAPI alike. */

const PROCESS_STATUSES = ["IN_PLACE", "ON_LOAN", "MISSING", "IN_TRANSIT", "IN_DIGITIZATION"] as const;

const materialTypeField = z.enum(MATERIAL_TYPES);
const processStatusField = z.enum(PROCESS_STATUSES);

export const mmsIdParam = z.object({
  mms_id: z.string().regex(/^[1-9][0-9]{0,14}$/, "must be the number of a bibliographic record"),
});
export const holdingParams = mmsIdParam.extend({ holding_id: z.coerce.number().int().positive() });

const shortText = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

const identifiersSchema = z
  .object({
    oclc: shortText(50).optional(),
    lccn: shortText(50).optional(),
    system_numbers: z.array(shortText(100)).max(50).optional().describe("035 system control numbers"),
  })
  .strict();

const bibFields = {
  title: shortText(2000),
  author: optionalText(500),
  publisher: optionalText(500),
  publication_date: optionalText(100).describe("as stated, e.g. 'c1998' or '[2004?]'"),
  publication_year: z.number().int().min(1, "must be a year").max(9999, "must be a year").nullable().optional(),
  edition: optionalText(200),
  isbn: z
    .string()
    .trim()
    .max(40)
    .nullable()
    .optional()
    .describe("ISBN-10 or ISBN-13; hyphens and spaces are removed and the check digit is verified"),
  issn: z.string().trim().max(20).nullable().optional().describe("NNNN-NNNX; the check digit is verified"),
  language: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, "must be a 3-letter language code, e.g. eng")
    .nullable()
    .optional(),
  material_type: materialTypeField,
  extent: optionalText(500).describe("the physical description (300 $a), e.g. 'xii, 345 p.'"),
  page_count: z
    .number()
    .int()
    .positive()
    .max(1_000_000)
    .nullable()
    .optional()
    .describe("when left out, derived from the extent where it states pages"),
  identifiers: identifiersSchema.optional(),
  full_text_url: z
    .string()
    .trim()
    .max(MAX_URL_LENGTH, { message: `must be at most ${MAX_URL_LENGTH} characters`, abort: true })
    .refine(isWebUrl, "must be an http or https URL")
    .nullable()
    .optional()
    .describe("where the full text can be read online (display logic's full_text_online); null when it cannot"),
};

export const bibCreateBody = z.object({ ...bibFields, material_type: materialTypeField.default("BOOK") }).strict();
export const bibPatchBody = z.object(bibFields).partial().strict();

export const bibListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(200).optional().describe("next_cursor of the previous page"),
    material_type: materialTypeField.optional(),
    title: z.string().trim().min(1).max(200).optional().describe("titles that start with this (case ignored)"),
    q: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(500, "must be at most 500 characters")
      .optional()
      .describe(
        'search: words and "quoted phrases", all of which must be found, accents and case ignored; ' +
          "field prefixes title:, author:, subject:, isbn:, issn:, id: (OCLC, LCCN, 035 or the record number) " +
          "apply up to the next prefix, any: goes back to every field; an ISBN or ISSN matches with or without hyphens",
      ),
    library: codeField.optional().describe("only records with a holding in the library with this code"),
  })
  .strict();

const placeRef = z.union([z.number().int().positive(), codeField]).describe("an id (number) or a code (string)");

export const holdingBody = z
  .object({
    library: placeRef,
    location: placeRef.describe("an id (number) or a location code within the library (string)"),
    call_number: optionalText(200),
    summary_holdings: optionalText(1000).describe("e.g. 'v.1-45 (1980-2024)'"),
  })
  .strict();

const barcodeField = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  .regex(/^\S+$/, "must not contain spaces");

const itemFields = {
  barcode: barcodeField,
  description: optionalText(500).describe("the volume or issue, e.g. 'v.12 no.3 (2019)'"),
  item_policy: codeField.nullable().optional(),
  page_count: z.number().int().positive().max(1_000_000).nullable().optional(),
  process_status: processStatusField
    .optional()
    .describe("IN_PLACE (the default), ON_LOAN or MISSING; IN_TRANSIT and IN_DIGITIZATION follow requests"),
};

export const itemCreateBody = z
  .object({
    ...itemFields,
    material_type: materialTypeField.nullable().optional().describe("defaults to the record's"),
  })
  .strict();
export const itemPatchBody = z.object(itemFields).partial().strict();
export const barcodeQuery = z.object({ barcode: barcodeField }).strict();

const timestamps = { created_at: z.string(), updated_at: z.string() };
const placeSchema = z.object({ id: z.number(), code: z.string(), name: z.string() });

export const bibSchema = z.object({
  mms_id: z.string(),
  title: z.string(),
  author: z.string().nullable(),
  publisher: z.string().nullable(),
  publication_date: z.string().nullable(),
  publication_year: z.number().nullable(),
  edition: z.string().nullable(),
  isbn: z.string().nullable(),
  issn: z.string().nullable(),
  language: z.string().nullable(),
  material_type: z.string(),
  extent: z.string().nullable(),
  page_count: z.number().nullable(),
  identifiers: z.object({
    oclc: z.string().optional(),
    lccn: z.string().optional(),
    system_numbers: z.array(z.string()).optional(),
  }),
  full_text_url: z
    .string()
    .nullable()
    .describe("where the full text can be read online; display logic's full_text_online is whether there is one"),
  ...timestamps,
});

export const holdingSchema = z.object({
  id: z.number(),
  mms_id: z.string(),
  library: placeSchema,
  location: placeSchema,
  call_number: z.string().nullable(),
  summary_holdings: z.string().nullable(),
  ...timestamps,
});

export const itemSchema = z.object({
  id: z.number(),
  mms_id: z.string(),
  holding_id: z.number(),
  library: placeSchema,
  location: placeSchema,
  barcode: z.string(),
  description: z.string().nullable(),
  item_policy: z.string().nullable(),
  material_type: z.string().nullable(),
  page_count: z.number().nullable(),
  process_status: processStatusField,
  ...timestamps,
});

export const bibWithInventorySchema = bibSchema.extend({
  holdings: z.array(holdingSchema.extend({ items: z.array(itemSchema) })),
});
