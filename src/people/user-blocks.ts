import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import { invalid, notFound } from "../errors.js";
import * as repo from "./user-blocks-repository.js";
import { loadUser } from "./users.js";

/** Use cases for patron blocks (DOMAIN 2); a block in force stops the patron placing requests. */

interface BlockInput {
  block_type: string;
  note?: string | null;
  /** ISO date-time; absent or null: the block stays until it is removed */
  expires_at?: string | null;
}

export const isBlockActive = (block: { expires_at: string | null }, now: Date): boolean =>
  block.expires_at === null || new Date(block.expires_at).getTime() > now.getTime();

export async function listBlocks(db: Db, actor: Actor, userId: number) {
  const user = await loadUser(db, actor, userId);
  authorize(actor, "blocks.manage");
  return repo.listBlocks(db, user.id);
}

export async function addBlock(db: Db, actor: Actor, userId: number, input: BlockInput, now: Date) {
  const user = await loadUser(db, actor, userId);
  authorize(actor, "blocks.manage");
  const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw invalid("expires_at", "The block’s expiry must be in the future; leave it out for a block without end.");
  }
  return repo.insertBlock(
    db,
    user,
    { block_type: input.block_type, note: input.note ?? null, expires_at: expiresAt?.toISOString() ?? null },
    now.toISOString(),
  );
}

export async function removeBlock(db: Db, actor: Actor, userId: number, blockId: number): Promise<void> {
  const user = await loadUser(db, actor, userId);
  authorize(actor, "blocks.manage");
  const block = await repo.findBlock(db, actor.institutionId, user.id, blockId);
  if (!block) throw notFound("block");
  await repo.deleteBlock(db, block.id);
}
