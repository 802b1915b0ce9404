import { z } from "zod";

/** The output of a digitization rule (DOMAIN 5.5): how a request is handled and delivered. */
const workflowFields = z.object({
  target: z.enum(["attachment", "link", "repository"]),
  approval_required: z.boolean(),
  copyright_clearance_required: z.boolean(),
  approval_mode: z.enum(["parallel", "blocks", "automatic"]).nullable(),
  approval_reason: z.string().nullable(),
  max_views: z.number().int().positive().nullable(),
  link_expiry_days: z.number().int().positive().nullable(),
  /** explicit handling place (department or desk code); null lets the place resolution decide */
  target_destination: z.string().nullable(),
});

export const workflowSchema = workflowFields
  .refine((w) => !(w.approval_required || w.copyright_clearance_required) || w.approval_mode !== null, {
    message: "approval_mode is required when approval or copyright clearance is required",
    path: ["approval_mode"],
  })
  .refine((w) => w.approval_mode !== "automatic" || !!w.approval_reason, {
    message: "approval_reason is required when approval_mode is automatic",
    path: ["approval_reason"],
  });

export type Workflow = z.infer<typeof workflowSchema>;

export const DEFAULT_WORKFLOW: Workflow = {
  target: "link",
  approval_required: false,
  copyright_clearance_required: false,
  approval_mode: null,
  approval_reason: null,
  max_views: 5,
  link_expiry_days: 14,
  target_destination: null,
};

export const DEFAULT_DIGITIZATION_RULE_NAME = "Default Digitization Rule";

/** The workflow as the API answers it: with the rule that produced it and its reason's label. */
export const workflowOutputSchema = workflowFields.extend({
  rule_id: z.string().nullable(),
  approval_reason_label: z
    .string()
    .nullable()
    .describe("the label of approval_reason (a code of /api/v1/approval-reasons), for people to read"),
});
