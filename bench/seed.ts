import { allowDeliveryTo } from "../src/rules/tables/seed-delivery.js";
import { createInstitution } from "../src/organisation/create-institution.js";
import { issueApiKey } from "../src/people/api-keys.js";
import type { AppContext } from "../src/server/context.js";

const chunks = <T>(values: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(values.length / size) }, (_, i) => values.slice(i * size, (i + 1) * size));

interface SeededInstitution {
  institutionId: number;
  patrons: { id: number; apiKey: string }[];
  /** bib ids, each title with one holding and one item on the shelf */
  mmsIds: number[];
}

/**
 * One institution with a library, a location, a FACULTY group without a request limit,
 * `patrons` patrons with an API key each and `titles` titles with one item each. Rows are
 * written directly (as test/factories.ts does) in one transaction: seeding is scenery.
 */
export async function seedInstitution(
  ctx: AppContext,
  counts: { patrons: number; titles: number },
): Promise<SeededInstitution> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const { id: institutionId } = await createInstitution(ctx.db, { code: "BENCH", name: "Bench University" }, now);
  return ctx.db.transaction().execute(async (tx) => {
    const stamps = { institution_id: institutionId, created_at: at, updated_at: at };
    const library = await tx
      .insertInto("libraries")
      .values({ ...stamps, code: "MAIN", name: "Main Library" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const location = await tx
      .insertInto("locations")
      .values({ ...stamps, library_id: library.id, code: "STACKS", name: "Stacks" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const faculty = await tx
      .insertInto("user_groups")
      .values({ ...stamps, code: "FACULTY", name: "Faculty" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await allowDeliveryTo(tx, institutionId, ["FACULTY"], at);

    const patrons: SeededInstitution["patrons"] = [];
    for (let i = 0; i < counts.patrons; i++) {
      const primaryId = `patron${String(i).padStart(4, "0")}`;
      const user = await tx
        .insertInto("users")
        .values({
          ...stamps,
          primary_id: primaryId,
          first_name: "Bench",
          last_name: primaryId,
          email: `${primaryId}@example.edu`,
          user_group_id: faculty.id,
          preferred_language: null,
          status: "ACTIVE",
          expiry_date: null,
          password_hash: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const key = await issueApiKey(tx, { id: user.id, institution_id: institutionId }, "bench", now);
      patrons.push({ id: user.id, apiKey: key.key });
    }

    // Titles go in as multi-row inserts: thousands of single-row round trips would make
    // seeding, not measuring, the bulk of a run.
    const numbers = Array.from({ length: counts.titles }, (_, i) => i);
    for (const chunk of chunks(numbers, 500)) {
      await tx
        .insertInto("bibs")
        .values(
          chunk.map((i) => ({
            ...stamps,
            title: `Bench title ${i}`,
            author: "Author, Bench",
            publisher: null,
            publication_date: "1990",
            publication_year: 1990,
            edition: null,
            isbn: null,
            issn: null,
            language: "eng",
            material_type: "BOOK",
            extent: null,
            page_count: 300,
            identifiers: "{}",
          })),
        )
        .execute();
    }
    const mmsIds = (
      await tx.selectFrom("bibs").select("id").where("institution_id", "=", institutionId).orderBy("id").execute()
    ).map((b) => b.id);
    for (const chunk of chunks(mmsIds, 500)) {
      await tx
        .insertInto("holdings")
        .values(
          chunk.map((bibId) => ({
            ...stamps,
            bib_id: bibId,
            library_id: library.id,
            location_id: location.id,
            call_number: `QA76 .B${bibId}`,
            summary_holdings: null,
          })),
        )
        .execute();
    }
    const holdings = await tx
      .selectFrom("holdings")
      .select(["id", "bib_id"])
      .where("institution_id", "=", institutionId)
      .orderBy("id")
      .execute();
    for (const chunk of chunks(holdings, 500)) {
      await tx
        .insertInto("items")
        .values(
          chunk.map((h) => ({
            ...stamps,
            bib_id: h.bib_id,
            holding_id: h.id,
            library_id: library.id,
            location_id: location.id,
            barcode: `BENCH${String(h.bib_id).padStart(7, "0")}`,
            item_policy: null,
            material_type: null,
            description: null,
            page_count: null,
            process_status: "IN_PLACE",
          })),
        )
        .execute();
    }
    return { institutionId, patrons, mmsIds };
  });
}
