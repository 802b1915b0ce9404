import type { Db } from "../db/database.js";
import { isUniqueViolation } from "../db/errors.js";
import { AppError } from "../errors.js";
import { issueApiKey } from "../people/api-keys.js";
import { insertAssignment } from "../people/role-assignments-repository.js";
import { insertUser } from "../people/users-repository.js";
import { seedApprovalReasons } from "../rules/service-terms/seed-approval-reasons.js";
import { seedRuleTables } from "../rules/tables/seed-rule-tables.js";
import { seedRequestForm } from "../request-form/request-form.js";
import { insertDepartment } from "./departments-repository.js";
import { insertInstitution } from "./institution-repository.js";

interface NewInstitution {
  code: string;
  name: string;
  time_zone?: string;
  default_language?: string;
}

export const INSTITUTION_DEPARTMENT_CODE = "DIGI_DEPT_INST";

/** The institution's first administrator, so that somebody can sign in and configure it. */
interface FirstAdministrator {
  primary_id: string;
  email: string | null;
  password_hash: string;
}

/** Creates a tenant with what DOMAIN 1 and 5.5 say every institution starts with. */
export async function createInstitution(
  db: Db,
  input: NewInstitution,
  now: Date,
  admin?: FirstAdministrator,
): Promise<{ id: number; admin?: { userId: number; apiKey: string } }> {
  const at = now.toISOString();
  try {
    return await db.transaction().execute(async (tx) => {
      const inst = {
        id: await insertInstitution(
          tx,
          {
            code: input.code,
            name: input.name,
            time_zone: input.time_zone ?? "UTC",
            default_language: input.default_language ?? "en",
          },
          at,
        ),
      };
      await insertDepartment(
        tx,
        inst.id,
        {
          code: INSTITUTION_DEPARTMENT_CODE,
          name: "Digitization Department For Institution",
          description: null,
          work_time_days: 14,
          map_url: null,
          default_printer_id: null,
          owner_level: "institution",
          owner_library_id: null,
          serves_all_libraries: 1,
          contact_info: JSON.stringify({ addresses: [], phones: [], emails: [] }),
        },
        at,
      );
      // The predefined digitization rules name these reasons.
      await seedApprovalReasons(tx, inst.id, at);
      await seedRuleTables(tx, inst.id, at);
      await seedRequestForm(tx, inst.id, at);
      if (!admin) return { id: inst.id };
      const userId = await insertUser(
        tx,
        inst.id,
        {
          primary_id: admin.primary_id,
          first_name: "",
          last_name: "Administrator",
          email: admin.email,
          user_group_id: null,
          preferred_language: null,
          status: "ACTIVE",
          expiry_date: null,
          password_hash: admin.password_hash,
        },
        at,
      );
      const user = { id: userId, institution_id: inst.id };
      await insertAssignment(
        tx,
        user,
        { role: "GENERAL_SYSTEM_ADMINISTRATOR", scope_type: "institution", scope_id: null },
        at,
      );
      const key = await issueApiKey(tx, user, "created with the institution", now);
      return { id: inst.id, admin: { userId, apiKey: key.key } };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("DUPLICATE", {
        message: `An institution with code ${input.code} already exists.`,
        fields: [{ field: "code", message: "is already used" }],
      });
    }
    throw err;
  }
}
