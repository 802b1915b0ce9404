import type { Condition } from "../engine/engine.js";
import { DEFAULT_WORKFLOW, type Workflow } from "../engine/workflow.js";

/**
 * The twelve predefined digitization and copyright rules (DOMAIN 5.5), created disabled with
 * every institution. docs/digitization-rules.md explains each one and when to turn it on.
 * An automatic approval names a code of the starting approval reasons (seed-approval-reasons.ts).
 */

interface PredefinedRule {
  name: string;
  description: string;
  conditions: Condition[];
  output: Workflow;
}

const copyright = (mode: "blocks" | "parallel"): Workflow => ({
  ...DEFAULT_WORKFLOW,
  copyright_clearance_required: true,
  approval_mode: mode,
});
const approval = (mode: "blocks" | "parallel"): Workflow => ({
  ...DEFAULT_WORKFLOW,
  approval_required: true,
  approval_mode: mode,
});
const automatic = (reason: string): Workflow => ({
  ...DEFAULT_WORKFLOW,
  copyright_clearance_required: true,
  approval_mode: "automatic",
  approval_reason: reason,
});

export const PREDEFINED_DIGITIZATION_RULES: PredefinedRule[] = [
  {
    name: "Public domain by publication year",
    description: "Works published before 1931 are in the US public domain: copyright is cleared automatically.",
    conditions: [{ parameter: "publication_year", operator: "less_than", value: 1931 }],
    output: automatic("PUBLIC_DOMAIN"),
  },
  {
    name: "More than 10% of the work",
    description:
      "Copying more than a tenth of a work goes beyond common fair-use practice: staff clear copyright first.",
    conditions: [{ parameter: "percentage_requested", operator: "greater_than", value: 10 }],
    output: copyright("blocks"),
  },
  {
    name: "Whole item requested",
    description: "A request for the entire item needs copyright clearance before scanning.",
    conditions: [{ parameter: "whole_item", operator: "equals", value: true }],
    output: copyright("blocks"),
  },
  {
    name: "More than one article from the same issue",
    description: "A second open request on the same journal issue exceeds the usual one-article-per-issue guideline.",
    conditions: [
      { parameter: "material_type", operator: "equals", value: "JOURNAL" },
      { parameter: "open_requests_same_item", operator: "greater_than", value: 0 },
    ],
    output: copyright("blocks"),
  },
  {
    name: "Same patron and item within 30 days",
    description: "Repeated requests for the same item may add up to more than a fair portion: staff review them.",
    conditions: [{ parameter: "days_since_same_item_request", operator: "less_than", value: 30 }],
    output: copyright("parallel"),
  },
  {
    name: "Staff requests for course reserves",
    description: "Course reserve copies are made by staff and reviewed for copyright while scanning goes ahead.",
    conditions: [{ parameter: "request_source", operator: "equals", value: "course" }],
    output: copyright("parallel"),
  },
  {
    name: "Theses",
    description: "Theses are unpublished works whose authors hold the rights: staff approve each request.",
    conditions: [{ parameter: "material_type", operator: "equals", value: "THESIS" }],
    output: approval("blocks"),
  },
  {
    name: "Manuscripts and archives",
    description: "Unpublished and fragile material: staff approve before it leaves the reading room.",
    conditions: [{ parameter: "material_type", operator: "equals", value: "MANUSCRIPT" }],
    output: { ...approval("blocks"), copyright_clearance_required: true },
  },
  {
    name: "Maps",
    description: "A map is usually one whole work: copying it needs copyright clearance.",
    conditions: [{ parameter: "material_type", operator: "equals", value: "MAP" }],
    output: copyright("blocks"),
  },
  {
    name: "Government documents",
    description: "US federal government works carry no copyright: cleared automatically.",
    conditions: [{ parameter: "material_type", operator: "equals", value: "GOVERNMENT_DOCUMENT" }],
    output: automatic("GOVERNMENT_WORK"),
  },
  {
    name: "Audio-visual material",
    description: "Sound and video recordings carry several layers of rights: staff clear copyright first.",
    conditions: [{ parameter: "material_type", operator: "in_list", value: ["SOUND_RECORDING", "VIDEO"] }],
    output: copyright("blocks"),
  },
  {
    name: "Faculty auto-approval",
    description: "Faculty requests for teaching and research are approved automatically.",
    conditions: [{ parameter: "user_group", operator: "equals", value: "FACULTY" }],
    output: {
      ...DEFAULT_WORKFLOW,
      approval_required: true,
      approval_mode: "automatic",
      approval_reason: "FACULTY_TEACHING",
    },
  },
];
