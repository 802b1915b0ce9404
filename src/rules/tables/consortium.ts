import type { Db } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { syncMemberGroups } from "../../people/shared-user-groups.js";
import * as repo from "../../organisation/institution-repository.js";

/**
 * Membership of a consortium (DOMAIN 5.8). It crosses tenants, so it is an operator's act (the
 * CLI), not an API call of either institution. One level: a consortium is not itself a member,
 * and a member has no members. Joining gives the member the consortium's shared user groups;
 * leaving turns them into the member's own.
 */
export async function joinConsortium(db: Db, memberCode: string, consortiumCode: string | null): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const member = await repo.findInstitutionByCode(tx, memberCode);
    if (!member) throw new AppError("NOT_FOUND", { message: `No institution with code ${memberCode}.` });
    const at = new Date().toISOString();
    if (consortiumCode === null) {
      await repo.setConsortium(tx, member.id, null);
      await syncMemberGroups(tx, member.id, member.consortium_id, null, at);
      return;
    }
    const consortium = await repo.findInstitutionByCode(tx, consortiumCode);
    if (!consortium) throw new AppError("NOT_FOUND", { message: `No institution with code ${consortiumCode}.` });
    const problem =
      consortium.id === member.id
        ? "An institution cannot be its own consortium."
        : consortium.consortium_id !== null
          ? `${consortiumCode} is itself a member of a consortium.`
          : (await repo.hasMembers(tx, member.id))
            ? `${memberCode} is a consortium with members of its own.`
            : null;
    if (problem)
      throw new AppError("VALIDATION_FAILED", {
        message: problem,
        fields: [{ field: "consortium", message: problem }],
      });
    await repo.setConsortium(tx, member.id, consortium.id);
    await syncMemberGroups(tx, member.id, member.consortium_id, consortium.id, at);
  });
}
