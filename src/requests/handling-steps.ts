import type { Actor } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import { withRequest } from "./load.js";
import { applyTransition } from "./transition.js";

/** Staff steps between the shelf and the scanner (DOMAIN 7). */

interface StepInput {
  note?: string | null;
}

/** Picks the item from the shelf. Picked where it is scanned, it goes straight into digitization. */
export async function pickItem(db: Db, actor: Actor, id: number, input: StepInput, now: Date) {
  return withRequest(db, actor, id, "pick", async (tx, r) => {
    const placeLibrary = r.desk_library_id ?? r.department_library_id;
    const pickedAtPlace = placeLibrary !== null && placeLibrary === r.library_id;
    return applyTransition(tx, r, "pick", {
      actor,
      now,
      note: input.note,
      pickedAtPlace,
      data: { picked_at_place: pickedAtPlace },
    });
  });
}

/** Scans the item in at the place that digitizes it. */
export async function scanIn(db: Db, actor: Actor, id: number, input: StepInput, now: Date) {
  return withRequest(db, actor, id, "scan_in", (tx, r) =>
    applyTransition(tx, r, "scan_in", { actor, now, note: input.note }),
  );
}

/** Marks a delivered request done; the item is released back to its shelf. */
export async function completeRequest(db: Db, actor: Actor, id: number, input: StepInput, now: Date) {
  return withRequest(db, actor, id, "complete", (tx, r) =>
    applyTransition(tx, r, "complete", { actor, now, note: input.note }),
  );
}
