import type { RoleCode } from "../db/schema.js";

/** The demo institution's organisation and people (DOMAIN 1 and 2), as plain data. */

export const DEMO_INSTITUTION = { code: "DEMO", name: "Recto Demo University", time_zone: "America/New_York" };
export const DEMO_PASSWORD = "recto-demo";
export const DEMO_API_KEY_LABEL = "demo";

export const DEMO_LIBRARIES = [
  {
    code: "MAIN",
    name: "Main Library",
    locations: [
      { code: "STACKS", name: "Main stacks" },
      { code: "PER", name: "Periodicals" },
      { code: "SPEC", name: "Special Collections" },
    ],
  },
  {
    code: "SCI",
    name: "Science Library",
    locations: [
      { code: "STACKS", name: "Science stacks" },
      { code: "JOURNALS", name: "Science journals" },
    ],
  },
] as const;

export const DEMO_DESKS = [
  { library: "MAIN", code: "MAIN_CIRC", name: "Main circulation desk", supports_digitization: 1, work_time_days: 7 },
  { library: "MAIN", code: "MAIN_RESERVES", name: "Reserves desk", supports_digitization: 0, work_time_days: null },
] as const;

export const DEMO_PRINTERS = [
  {
    code: "DIGI_EMAIL",
    name: "Digitization office printer",
    description: "Prints what is emailed to it",
    email: "digitization-printer@demo.example.edu",
  },
  { code: "SCI_QUEUE", name: "Science printout queue", description: "Printed from the screen by staff", email: null },
] as const;

export const DEMO_SCI_DEPARTMENT = {
  code: "SCI_DIGI",
  name: "Science Library Digitization",
  description: "Scans the Science Library’s books and journals",
  work_time_days: 10,
  map_url: "https://maps.example.edu/science-library",
};

export const DEMO_GROUPS = [
  { code: "UNDERGRAD", name: "Undergraduate", max: 3 },
  { code: "GRAD", name: "Graduate student", max: 5 },
  { code: "FACULTY", name: "Faculty", max: null },
  { code: "STAFF", name: "Staff", max: null },
  { code: "COMMUNITY", name: "Community borrower", max: 0 },
] as const;

/** Where a grant applies, named by code so that the data reads without ids. */
export type DemoScope =
  | { type: "institution" }
  | { type: "library"; code: string }
  | { type: "desk"; code: string }
  | { type: "department"; code: string };

interface DemoPerson {
  primary_id: string;
  first_name: string;
  last_name: string;
  group: (typeof DEMO_GROUPS)[number]["code"];
  /** what the login table says this person is for */
  role_label: string;
  grants: { role: RoleCode; scope: DemoScope }[];
  /** a patron's library card, by which the desk finds them */
  barcode?: string;
}

const inst: DemoScope = { type: "institution" };

/** One staff user per role of DOMAIN 2, then one patron per user group. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    primary_id: "demo-admin",
    first_name: "Grace",
    last_name: "Holloway",
    group: "STAFF",
    role_label: "General System Administrator",
    grants: [{ role: "GENERAL_SYSTEM_ADMINISTRATOR", scope: inst }],
  },
  {
    primary_id: "demo-fulfillment-admin",
    first_name: "Marcus",
    last_name: "Bell",
    group: "STAFF",
    role_label: "Fulfillment Administrator",
    grants: [{ role: "FULFILLMENT_ADMINISTRATOR", scope: inst }],
  },
  {
    primary_id: "demo-letter-admin",
    first_name: "Yuki",
    last_name: "Tanaka",
    group: "STAFF",
    role_label: "Letter Administrator",
    grants: [{ role: "LETTER_ADMINISTRATOR", scope: inst }],
  },
  {
    primary_id: "demo-fs-manager",
    first_name: "Helen",
    last_name: "Osei",
    group: "STAFF",
    role_label: "Fulfillment Services Manager (institution)",
    grants: [{ role: "FULFILLMENT_SERVICES_MANAGER", scope: inst }],
  },
  {
    primary_id: "demo-fs-operator",
    first_name: "Luis",
    last_name: "Ortega",
    group: "STAFF",
    role_label: "Fulfillment Services Operator (MAIN, SCI)",
    grants: [
      { role: "FULFILLMENT_SERVICES_OPERATOR", scope: { type: "library", code: "MAIN" } },
      { role: "FULFILLMENT_SERVICES_OPERATOR", scope: { type: "library", code: "SCI" } },
    ],
  },
  {
    primary_id: "demo-requests-operator",
    first_name: "Nadia",
    last_name: "Karim",
    group: "STAFF",
    role_label: "Requests Operator (MAIN, SCI)",
    grants: [
      { role: "REQUESTS_OPERATOR", scope: { type: "library", code: "MAIN" } },
      { role: "REQUESTS_OPERATOR", scope: { type: "library", code: "SCI" } },
    ],
  },
  {
    primary_id: "demo-work-order-operator",
    first_name: "Owen",
    last_name: "Price",
    group: "STAFF",
    role_label: "Work Order Operator (DIGI_DEPT_INST, SCI_DIGI, MAIN_CIRC)",
    // The MAIN desk and SCI_DIGI are library-level places and win over DIGI_DEPT_INST for their
    // libraries, so the operator works at all three to see every demo request.
    grants: [
      { role: "WORK_ORDER_OPERATOR", scope: { type: "department", code: "DIGI_DEPT_INST" } },
      { role: "WORK_ORDER_OPERATOR", scope: { type: "department", code: "SCI_DIGI" } },
      { role: "WORK_ORDER_OPERATOR", scope: { type: "desk", code: "MAIN_CIRC" } },
    ],
  },
  ...(
    [
      ["demo-undergrad", "Ella", "Fischer", "UNDERGRAD"],
      ["demo-grad", "Ravi", "Menon", "GRAD"],
      ["demo-faculty", "Catherine", "Doyle", "FACULTY"],
      ["demo-staff", "Peter", "Lund", "STAFF"],
      ["demo-community", "Rosa", "Alvarez", "COMMUNITY"],
    ] as const
  ).map(([primary_id, first_name, last_name, group], i) => {
    const limit = DEMO_GROUPS.find((g) => g.code === group)?.max;
    return {
      primary_id,
      first_name,
      last_name,
      group,
      role_label: `Patron, ${group} (${limit === null ? "no limit" : limit === 0 ? "may not request digitization" : `limit ${limit}`})`,
      grants: [],
      barcode: `2900000000000${i + 1}`,
    };
  }),
];

export const DEMO_ADMIN_ID = "demo-admin";
/** Places requests for patrons (the General System Administrator may not): the README's example uses their key. */
export const DEMO_OPERATOR_ID = "demo-fs-operator";
/** The patron of the README's placement example: faculty have no request limit, so it can be run again and again. */
export const DEMO_EXAMPLE_PATRON = "demo-faculty";
