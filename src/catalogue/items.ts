import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import { isUniqueViolation } from "../db/errors.js";
import type { ProcessStatus } from "../db/schema.js";
import { AppError, invalid, notFound } from "../errors.js";
import type { MaterialType } from "./bib-fields.js";
import { loadBib } from "./bibs.js";
import { loadHolding } from "./holdings.js";
import * as repo from "./items-repository.js";

/** Use cases for items. Each owns its transaction. */

/** Statuses staff set by hand; the others belong to the request workflow (DOMAIN 7). */
const MANUAL_PROCESS_STATUSES = ["IN_PLACE", "ON_LOAN", "MISSING"] as const satisfies ProcessStatus[];
const isManual = (s: ProcessStatus): boolean => (MANUAL_PROCESS_STATUSES as readonly string[]).includes(s);

interface ItemInput {
  barcode: string;
  description?: string | null | undefined;
  item_policy?: string | null | undefined;
  material_type?: MaterialType | null | undefined;
  page_count?: number | null | undefined;
  process_status?: ProcessStatus | undefined;
}

type ItemPatch = Partial<Pick<ItemInput, "barcode" | "description" | "item_policy" | "page_count">> & {
  process_status?: ProcessStatus | undefined;
};

const duplicateBarcode = (barcode: string): AppError =>
  new AppError("DUPLICATE", {
    message: `An item with barcode ${barcode} already exists.`,
    fields: [{ field: "barcode", message: "is already used by another item" }],
  });

function checkManualStatus(status: ProcessStatus | undefined): void {
  if (status !== undefined && !isManual(status)) {
    throw invalid(
      "process_status",
      `${status} is set by the request workflow; set ${MANUAL_PROCESS_STATUSES.join(", ")} by hand.`,
    );
  }
}

async function barcodeUniqueOr<T>(barcode: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (barcode !== undefined && isUniqueViolation(err)) throw duplicateBarcode(barcode);
    throw err;
  }
}

export async function loadItem(db: Db, actor: Actor, id: number) {
  const item = await repo.findItem(db, actor.institutionId, id);
  if (!item) throw notFound("item");
  return item;
}

export async function loadItemByBarcode(db: Db, actor: Actor, barcode: string) {
  const item = await repo.findItemByBarcode(db, actor.institutionId, barcode);
  if (!item) throw new AppError("NOT_FOUND", { message: `No item with barcode ${barcode}.` });
  return item;
}

export async function createItem(db: Db, actor: Actor, bibId: number, holdingId: number, input: ItemInput, now: Date) {
  return barcodeUniqueOr(input.barcode, () =>
    db.transaction().execute(async (tx) => {
      const bib = await loadBib(tx, actor, bibId);
      const holding = await loadHolding(tx, actor, bibId, holdingId);
      authorize(actor, "catalogue.manage");
      checkManualStatus(input.process_status);
      const id = await repo.insertItem(
        tx,
        actor.institutionId,
        holding,
        {
          barcode: input.barcode,
          description: input.description ?? null,
          item_policy: input.item_policy ?? null,
          // an item is usually of its record's type; a journal's issues may say otherwise
          material_type: input.material_type ?? (bib.material_type as MaterialType),
          page_count: input.page_count ?? null,
          process_status: input.process_status ?? "IN_PLACE",
        },
        now.toISOString(),
      );
      return loadItem(tx, actor, id);
    }),
  );
}

export async function updateItem(db: Db, actor: Actor, id: number, patch: ItemPatch, now: Date) {
  return barcodeUniqueOr(patch.barcode, () =>
    db.transaction().execute(async (tx) => {
      const item = await loadItem(tx, actor, id);
      authorize(actor, "catalogue.manage");
      const status = patch.process_status;
      if (status !== undefined && status !== item.process_status) {
        checkManualStatus(status);
        if (!isManual(item.process_status)) {
          throw new AppError("ITEM_IN_REQUEST_WORKFLOW", {
            message: `The item is ${item.process_status} for a request; its process status changes with the request.`,
            fields: [{ field: "process_status", message: `is ${item.process_status}, set by the request workflow` }],
          });
        }
      }
      await repo.updateItem(tx, id, patch, now.toISOString());
      return loadItem(tx, actor, id);
    }),
  );
}
