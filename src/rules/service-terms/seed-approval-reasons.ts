import type { Executor } from "../../db/database.js";
import * as repo from "./approval-reasons-repository.js";

interface StartingReason {
  code: string;
  label: string;
  description: string;
}

/**
 * The approval reasons every institution starts with (DOMAIN 5.5). The predefined digitization
 * rules name PUBLIC_DOMAIN, GOVERNMENT_WORK and FACULTY_TEACHING, so those must stay in the list.
 */
export const STARTING_APPROVAL_REASONS: StartingReason[] = [
  {
    code: "PUBLIC_DOMAIN",
    label: "Public domain",
    description: "The work is out of copyright, or never was in it.",
  },
  {
    code: "FAIR_USE",
    label: "Fair use",
    description: "The copy falls within fair use (17 U.S.C. § 107) or fair dealing.",
  },
  {
    code: "LICENCE_HELD",
    label: "Licence held",
    description: "A licence the library holds (a collective or publisher licence) covers the copy.",
  },
  {
    code: "PERMISSION_OBTAINED",
    label: "Permission obtained",
    description: "The rights holder has given permission for the copy.",
  },
  {
    code: "OPEN_LICENCE",
    label: "Open licence",
    description: "The work carries an open licence (such as Creative Commons) that allows the copy.",
  },
  {
    code: "GOVERNMENT_WORK",
    label: "Government work",
    description: "A work of the US federal government, which carries no copyright (17 U.S.C. § 105).",
  },
  {
    code: "FACULTY_TEACHING",
    label: "Faculty teaching and research",
    description: "Faculty requests for teaching and research, which the institution approves without review.",
  },
];

/** Adds the starting reasons an institution lacks, after its own: safe to run again. */
export async function seedApprovalReasons(db: Executor, institutionId: number, at: string): Promise<void> {
  const have = new Set((await repo.listReasons(db, institutionId)).map((r) => r.code));
  for (const r of STARTING_APPROVAL_REASONS) {
    if (have.has(r.code)) continue;
    await repo.insertReason(db, {
      institution_id: institutionId,
      code: r.code,
      label: r.label,
      description: r.description,
      active: 1,
      created_at: at,
      updated_at: at,
    });
  }
}
