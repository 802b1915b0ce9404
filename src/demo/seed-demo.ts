import { newBibFields } from "../catalogue/bib-fields.js";
import { insertBib } from "../catalogue/bibs-repository.js";
import { insertHolding } from "../catalogue/holdings-repository.js";
import { firstShelvedItemInLibrary, insertItem } from "../catalogue/items-repository.js";
import type { Db, Tx } from "../db/database.js";
import { createInstitution, INSTITUTION_DEPARTMENT_CODE } from "../organisation/create-institution.js";
import { findInstitutionByCode } from "../organisation/institution-repository.js";
import { emptyContactInfo } from "../organisation/department-view.js";
import {
  findDepartmentByCode,
  insertDepartment,
  replaceServedLibraries,
  updateDepartment,
} from "../organisation/departments-repository.js";
import { insertDesk } from "../organisation/desks-repository.js";
import { findLibraryIdByCode, insertLibrary, insertLocation } from "../organisation/libraries-repository.js";
import { insertPrinter } from "../organisation/printers-repository.js";
import { issueApiKey } from "../people/api-keys.js";
import { listApiKeys, revokeApiKey } from "../people/api-keys-repository.js";
import { hashPassword } from "../people/login.js";
import { allowDeliveryTo } from "../rules/tables/seed-delivery.js";
import type { DomainContext } from "../context.js";
import { demoCatalogue } from "./demo-catalogue.js";
import { seedCourseRequest } from "./demo-course-request.js";
import { seedDeliveredRequest } from "./demo-delivery.js";
import { insertAssignment } from "../people/role-assignments-repository.js";
import { insertUserGroup } from "../people/user-groups-repository.js";
import { insertGroupLimitRow } from "../rules/tables/patron-limit-rows.js";
import { findUserByPrimaryId, insertUser } from "../people/users-repository.js";
import {
  DEMO_ADMIN_ID,
  DEMO_API_KEY_LABEL,
  DEMO_DESKS,
  DEMO_EXAMPLE_PATRON,
  DEMO_GROUPS,
  DEMO_INSTITUTION,
  DEMO_LIBRARIES,
  DEMO_OPERATOR_ID,
  DEMO_PASSWORD,
  DEMO_PEOPLE,
  DEMO_PRINTERS,
  DEMO_SCI_DEPARTMENT,
  type DemoScope,
} from "./demo-setup.js";

interface DemoLogin {
  institution: string;
  user_id: string;
  role: string;
  password: string;
}

export interface DemoSeedResult {
  /** false when the demo institution was already there and nothing was added */
  created: boolean;
  institutionCode: string;
  institutionId: number;
  /** the demo administrator's API key, new at every call (the previous one is revoked) */
  apiKey: string;
  /**
   * the demo Fulfillment Services Operator's API key, new at every call like the administrator's:
   * placing a request for a patron needs that role, which the administrator does not have
   */
  operatorApiKey?: string;
  /** a request the operator may place for a patron (the README's /almaws example), when the catalogue has one */
  placementExample?: { operator: string; patron: string; mmsId: number } | null;
  logins: DemoLogin[];
  /** the request delivered by the seed (its letter and link show the delivery path); set on the first run */
  deliveredRequestId?: number | null;
  /** the course-reserve request placed by the seed (request source `course`); set on the first run */
  courseRequestId?: number | null;
}

/** Ids of what the seed created, by code, so later steps can refer to earlier ones. */
interface Made {
  libraries: Map<string, number>;
  locations: Map<string, number>;
  desks: Map<string, number>;
  departments: Map<string, number>;
  groups: Map<string, number>;
}

async function seedOrganisation(tx: Tx, institutionId: number, at: string): Promise<Made> {
  const made: Made = {
    libraries: new Map(),
    locations: new Map(),
    desks: new Map(),
    departments: new Map(),
    groups: new Map(),
  };
  for (const lib of DEMO_LIBRARIES) {
    const { id } = await insertLibrary(tx, institutionId, lib, at);
    made.libraries.set(lib.code, id);
    for (const loc of lib.locations) {
      made.locations.set(`${lib.code}/${loc.code}`, (await insertLocation(tx, institutionId, id, loc, at)).id);
    }
  }
  for (const { library, ...desk } of DEMO_DESKS) {
    const libraryId = made.libraries.get(library) as number;
    const { supports_digitization, ...rest } = desk;
    const row = await insertDesk(
      tx,
      institutionId,
      libraryId,
      { ...rest, supports_digitization: supports_digitization === 1 },
      at,
    );
    made.desks.set(desk.code, row.id);
  }
  // the print-by-email printer serves the institution department, the queue-only one SCI_DIGI
  const [emailPrinter, queuePrinter] = DEMO_PRINTERS;
  const emailPrinterId = (await insertPrinter(tx, institutionId, emailPrinter, at)).id;
  const queuePrinterId = (await insertPrinter(tx, institutionId, queuePrinter, at)).id;
  const instDept = await findDepartmentByCode(tx, institutionId, INSTITUTION_DEPARTMENT_CODE);
  if (!instDept) throw new Error(`The department ${INSTITUTION_DEPARTMENT_CODE} is missing from the demo institution.`);
  await updateDepartment(tx, instDept.id, { default_printer_id: emailPrinterId }, at);
  made.departments.set(INSTITUTION_DEPARTMENT_CODE, instDept.id);
  // A library-level department: it serves exactly its own library.
  const sciLibrary = made.libraries.get("SCI") as number;
  const sciDept = await insertDepartment(
    tx,
    institutionId,
    {
      ...DEMO_SCI_DEPARTMENT,
      default_printer_id: queuePrinterId,
      owner_level: "library",
      owner_library_id: sciLibrary,
      serves_all_libraries: 0,
      contact_info: JSON.stringify(emptyContactInfo()),
    },
    at,
  );
  await replaceServedLibraries(tx, institutionId, sciDept, [sciLibrary]);
  made.departments.set(DEMO_SCI_DEPARTMENT.code, sciDept);
  for (const g of DEMO_GROUPS) {
    const { id } = await insertUserGroup(tx, institutionId, { code: g.code, name: g.name }, at);
    await insertGroupLimitRow(tx, institutionId, g.code, g.max, at, null);
    made.groups.set(g.code, id);
  }
  return made;
}

function scopeId(made: Made, scope: DemoScope): number | null {
  switch (scope.type) {
    case "institution":
      return null;
    case "library":
      return made.libraries.get(scope.code) as number;
    case "desk":
      return made.desks.get(scope.code) as number;
    case "department":
      return made.departments.get(scope.code) as number;
  }
}

async function seedPeople(tx: Tx, institutionId: number, made: Made, passwordHash: string, at: string) {
  for (const person of DEMO_PEOPLE) {
    const userId = await insertUser(
      tx,
      institutionId,
      {
        primary_id: person.primary_id,
        first_name: person.first_name,
        last_name: person.last_name,
        email: `${person.primary_id}@demo.example.edu`,
        barcode: person.barcode ?? null,
        user_group_id: made.groups.get(person.group) as number,
        password_hash: passwordHash,
        preferred_language: "en",
        status: "ACTIVE",
        expiry_date: null,
      },
      at,
    );
    for (const g of person.grants) {
      await insertAssignment(
        tx,
        { id: userId, institution_id: institutionId },
        { role: g.role, scope_type: g.scope.type, scope_id: scopeId(made, g.scope) },
        at,
      );
    }
  }
}

async function seedCatalogue(tx: Tx, institutionId: number, made: Made, at: string) {
  for (const title of demoCatalogue()) {
    const bib = await insertBib(tx, institutionId, newBibFields(title.bib), at);
    for (const h of title.holdings) {
      const libraryId = made.libraries.get(h.library) as number;
      const locationId = made.locations.get(`${h.library}/${h.location}`) as number;
      const holdingId = await insertHolding(
        tx,
        institutionId,
        {
          bib_id: bib.id,
          library_id: libraryId,
          location_id: locationId,
          call_number: h.call_number,
          summary_holdings: h.summary_holdings,
        },
        at,
      );
      const holding = { id: holdingId, bib_id: bib.id, library_id: libraryId, location_id: locationId };
      for (const item of h.items) {
        await insertItem(tx, institutionId, holding, { ...item, process_status: "IN_PLACE" }, at);
      }
    }
  }
}

async function ensureInstitution(db: Db, code: string, now: Date): Promise<number> {
  const existing = await findInstitutionByCode(db, code);
  if (existing) return existing.id;
  return (await createInstitution(db, { ...DEMO_INSTITUTION, code }, now)).id;
}

/**
 * Creates the demo institution (DOMAIN 1-3 filled in, ready to take requests) unless it is
 * already there, then replaces the demo administrator's "demo" API key and returns it, so a
 * start-up banner can always print a key that works.
 *
 * Everything but the institution is written in one transaction, the demo administrator with it:
 * while that user is missing the seed has not happened, and the next run does it.
 */
export async function seedDemo(
  ctx: DomainContext,
  options: { institutionCode?: string } = {},
): Promise<DemoSeedResult> {
  const { db, clock } = ctx;
  const code = options.institutionCode ?? DEMO_INSTITUTION.code;
  const now = clock.now();
  const at = now.toISOString();
  const institutionId = await ensureInstitution(db, code, now);
  let created = false;
  if (!(await findUserByPrimaryId(db, institutionId, DEMO_ADMIN_ID))) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await db.transaction().execute(async (tx) => {
      const made = await seedOrganisation(tx, institutionId, at);
      await seedCatalogue(tx, institutionId, made, at);
      await seedPeople(tx, institutionId, made, passwordHash, at);
      // every demo group but the community borrowers (limit 0) may receive files
      const groups = DEMO_GROUPS.filter((g) => g.max !== 0).map((g) => g.code);
      await allowDeliveryTo(tx, institutionId, groups, at);
    });
    created = true;
  }
  const deliveredRequestId = created ? await seedDeliveredRequest(ctx, institutionId) : null;
  const courseRequestId = created ? await seedCourseRequest(ctx, institutionId) : null;
  const [apiKey, operatorApiKey] = await db.transaction().execute(async (tx) => {
    const keyOf = async (primaryId: string) => {
      const user = await findUserByPrimaryId(tx, institutionId, primaryId);
      if (!user) throw new Error(`The demo user ${primaryId} is missing from ${code}.`);
      for (const k of await listApiKeys(tx, user.id))
        if (k.label === DEMO_API_KEY_LABEL) await revokeApiKey(tx, k.id, at);
      return (await issueApiKey(tx, user, DEMO_API_KEY_LABEL, now)).key;
    };
    return [await keyOf(DEMO_ADMIN_ID), await keyOf(DEMO_OPERATOR_ID)];
  });
  // A Science Library book: the operator serves that library, and the item needs no volume chosen.
  const sci = await findLibraryIdByCode(db, institutionId, "SCI");
  const exampleItem = sci === null ? undefined : await firstShelvedItemInLibrary(db, institutionId, sci);
  return {
    created,
    institutionCode: code,
    institutionId,
    apiKey,
    operatorApiKey,
    placementExample: exampleItem
      ? { operator: DEMO_OPERATOR_ID, patron: DEMO_EXAMPLE_PATRON, mmsId: exampleItem.bib_id }
      : null,
    deliveredRequestId,
    courseRequestId,
    logins: DEMO_PEOPLE.map((p) => ({
      institution: code,
      user_id: p.primary_id,
      role: p.role_label,
      password: DEMO_PASSWORD,
    })),
  };
}
