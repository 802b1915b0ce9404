import type { Page } from "playwright-core";
import { loadActor } from "../../src/auth/repository.js";
import { requestFormSchema } from "../../src/requests/form.js";
import { placeRequest } from "../../src/requests/place-request.js";
import { fillSignIn, type useBrowserSuite } from "./browser.js";

/**
 * What the staff app's browser tests start from: a demo user's actor, requests for demo-grad
 * placed through the real use case on shelf items nobody else uses, and a page signed in to the
 * staff app at an address.
 */
export function staffFixtures(suite: ReturnType<typeof useBrowserSuite>) {
  const recto = () => suite.recto;
  /** items on the shelf at `library` with no volume, one per use, so no test sees another's requests */
  const shelves = new Map<string, { id: number; bib_id: number; title: string }[]>();

  async function actorOf(primaryId: string) {
    const db = recto().ctx.db;
    const user = await db
      .selectFrom("users")
      .select("id")
      .where("primary_id", "=", primaryId)
      .executeTakeFirstOrThrow();
    return (await loadActor(db, user.id, "session"))!;
  }

  async function shelfItem(library: string) {
    if (!shelves.has(library)) {
      const rows = await recto()
        .ctx.db.selectFrom("items as i")
        .innerJoin("bibs as b", "b.id", "i.bib_id")
        .innerJoin("libraries as l", "l.id", "i.library_id")
        .innerJoin("institutions as n", "n.id", "i.institution_id")
        .select(["i.id", "i.bib_id", "b.title"])
        .where("n.code", "=", "DEMO")
        .where("l.code", "=", library)
        .where("i.process_status", "=", "IN_PLACE")
        .where("i.description", "is", null)
        .where("b.material_type", "=", "BOOK")
        .where("b.full_text_url", "is", null)
        .orderBy("i.id", "desc")
        .limit(30)
        .execute();
      shelves.set(library, rows);
    }
    const item = shelves.get(library)!.shift();
    if (!item) throw new Error(`no shelf item left at ${library}`);
    return item;
  }

  /** A request for demo-grad on the next shelf item of `library`. */
  async function placeForGrad(library = "MAIN", pagesRange = { from_page: "3", to_page: "9" }) {
    const actor = await actorOf("demo-grad");
    const item = await shelfItem(library);
    const placed = await placeRequest(
      recto().ctx.db,
      actor,
      {
        userId: actor.userId,
        mmsId: item.bib_id,
        itemId: item.id,
        source: "patron",
        form: requestFormSchema.parse({ required_pages_range: [pagesRange] }),
      },
      recto().ctx.clock.now(),
    );
    const id = placed.request.id;
    return { id, title: item.title, bibId: item.bib_id };
  }

  async function signInToStaff(userId: string, path: string, width = 1280): Promise<Page> {
    const page = await suite.newPage({ width });
    await page.goto(`${recto().url}/staff${path}`);
    await page.waitForURL(/\/staff\/sign-in\?return=/);
    await fillSignIn(page, userId);
    await page.waitForURL(new RegExp(`/staff${path.replace(/[/?]/g, "\\$&")}$`));
    return page;
  }

  return { actorOf, shelfItem, placeForGrad, signInToStaff };
}
