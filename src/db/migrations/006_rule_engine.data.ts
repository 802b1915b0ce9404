/**
 * The data migrations 006 and 011 write (DOMAIN 5.3, 5.4, 5.5, 5.7), frozen: the default output
 * of each rule table an institution starts with, and the twelve predefined digitization rules
 * (disabled, naming approval reason codes). Copied from the app's seeding code when the
 * migrations stopped calling it, so an upgrade writes what it wrote then; never edit it to follow
 * the app: what a new institution gets now lives in src/rules/.
 */

export const RULE_TABLE_DEFAULTS: Record<string, unknown> = {
  digitization: {
    target: "link",
    approval_required: false,
    copyright_clearance_required: false,
    approval_mode: null,
    approval_reason: null,
    max_views: 5,
    link_expiry_days: 14,
    target_destination: null,
  },
  delivery: {
    allowed: false,
  },
  display_logic: {
    hide: [],
  },
  patron_limits: {
    max_digitization_requests: null,
  },
};

interface FrozenRule {
  name: string;
  description: string;
  conditions: unknown[];
  output: Record<string, unknown>;
}

export const PREDEFINED_RULES: FrozenRule[] = [
  {
    name: "Public domain by publication year",
    description: "Works published before 1931 are in the US public domain: copyright is cleared automatically.",
    conditions: [
      {
        parameter: "publication_year",
        operator: "less_than",
        value: 1931,
      },
    ],
    output: {
      target: "link",
      approval_required: false,
      copyright_clearance_required: true,
      approval_mode: "automatic",
      approval_reason: "PUBLIC_DOMAIN",
      max_views: 5,
      link_expiry_days: 14,
      target_destination: null,
    },
  },
  {
    name: "More than 10% of the work",
    description:
      "Copying more than a tenth of a work goes beyond common fair-use practice: staff clear copyright first.",
    conditions: [
      {
        parameter: "percentage_requested",
        operator: "greater_than",
        value: 10,
      },
    ],
    output: {
      target: "link",
      approval_required: false,
      copyright_clearance_required: true,
      approval_mode: "blocks",
      approval_reason: null,
      max_views: 5,
      link_expiry_days: 14,
      target_destination: null,
    },
  },
  {
    name: "Whole item requested",
    description: "A request for the entire item needs copyright clearance before scanning.",
    conditions: [
      {
        parameter: "whole_item",
        operator: "equals",
        value: true,
      },
    ],
    output: {
      target: "link",
      approval_required: false,
      copyright_clearance_required: true,
      approval_mode: "blocks",
      approval_reason: null,
      max_views: 5,
      link_expiry_days: 14,
      target_destination: null,
    },
  },
  {
    name: "More than one article from the same issue",
    description: "A second open request on the same journal issue exceeds the usual one-article-per-issue guideline.",
    conditions: [
      {
        parameter: "material_type",
        operator: "equals",
        value: "JOURNAL",
      },
      {
        parameter: "open_requests_same_item",
        operator: "greater_than",
        value: 0,
      },
    ],
    output: {
      target: "link",
      approval_required: false,
      copyright_clearance_required: true,
      approval_mode: "blocks",
      approval_reason: null,
      max_views: 5,
      link_expiry_days: 14,
      target_destination: null,
    },
  },
  {
    name: "Same patron and item within 30 days",
    description: "Repeated requests for the same item may add up to more than a fair portion: staff review them.",
    conditions: [
      {
        parameter: "days_since_same_item_request",
        operator: "less_than",
        value: 30,
      },
    ],
    output: {
      target: "link",
      approval_required: false,
      copyright_clearance_required: true,
      approval_mode: "parallel",
      approval_reason: null,
      max_views: 5,
      link_expiry_days: 14,
      target_destination: null,
    },
  },
  {
    name: "Staff requests for course reserves",
    description: "Course reserve copies are made by staff and reviewed for copyright while scanning goes ahead.",
    conditions: [
      {
        parameter: "request_source",
        operator: "equals",
        value: "course",
      },
    ],
    output: {
      target: "link",
      approval_required: false,
      copyright_clearance_required: true,
      approval_mode: "parallel",
      approval_reason: null,
      max_views: 5,
      link_expiry_days: 14,
      target_destination: null,
    },
  },
  {
    name: "Theses",
    description: "Theses are unpublished works whose authors hold the rights: staff approve each request.",
    conditions: [
      {
        parameter: "material_type",
        operator: "equals",
        value: "THESIS",
      },
    ],
    output: {
      target: "link",
      approval_required: true,
      copyright_clearance_required: false,
      approval_mode: "blocks",
      approval_reason: null,
      max_views: 5,
      link_expiry_days: 14,
      target_destination: null,
    },
  },
  {
    name: "Manuscripts and archives",
    description: "Unpublished and fragile material: staff approve before it leaves the reading room.",
    conditions: [
      {
        parameter: "material_type",
        operator: "equals",
        value: "MANUSCRIPT",
      },
    ],
    output: {
      target: "link",
      approval_required: true,
      copyright_clearance_required: true,
      approval_mode: "blocks",
      approval_reason: null,
      max_views: 5,
      link_expiry_days: 14,
      target_destination: null,
    },
  },
  {
    name: "Maps",
    description: "A map is usually one whole work: copying it needs copyright clearance.",
    conditions: [
      {
        parameter: "material_type",
        operator: "equals",
        value: "MAP",
      },
    ],
    output: {
      target: "link",
      approval_required: false,
      copyright_clearance_required: true,
      approval_mode: "blocks",
      approval_reason: null,
      max_views: 5,
      link_expiry_days: 14,
      target_destination: null,
    },
  },
  {
    name: "Government documents",
    description: "US federal government works carry no copyright: cleared automatically.",
    conditions: [
      {
        parameter: "material_type",
        operator: "equals",
        value: "GOVERNMENT_DOCUMENT",
      },
    ],
    output: {
      target: "link",
      approval_required: false,
      copyright_clearance_required: true,
      approval_mode: "automatic",
      approval_reason: "GOVERNMENT_WORK",
      max_views: 5,
      link_expiry_days: 14,
      target_destination: null,
    },
  },
  {
    name: "Audio-visual material",
    description: "Sound and video recordings carry several layers of rights: staff clear copyright first.",
    conditions: [
      {
        parameter: "material_type",
        operator: "in_list",
        value: ["SOUND_RECORDING", "VIDEO"],
      },
    ],
    output: {
      target: "link",
      approval_required: false,
      copyright_clearance_required: true,
      approval_mode: "blocks",
      approval_reason: null,
      max_views: 5,
      link_expiry_days: 14,
      target_destination: null,
    },
  },
  {
    name: "Faculty auto-approval",
    description: "Faculty requests for teaching and research are approved automatically.",
    conditions: [
      {
        parameter: "user_group",
        operator: "equals",
        value: "FACULTY",
      },
    ],
    output: {
      target: "link",
      approval_required: true,
      copyright_clearance_required: false,
      approval_mode: "automatic",
      approval_reason: "FACULTY_TEACHING",
      max_views: 5,
      link_expiry_days: 14,
      target_destination: null,
    },
  },
];
