import type { Actor } from "../../auth/actor.js";
import { authorize } from "../../auth/policy.js";
import type { Db } from "../../db/database.js";
import { userIdsWithRoles } from "../role-assignments-repository.js";
import { listUserGroups } from "../user-groups-repository.js";
import * as repo from "../users-repository.js";
import { readUserFile } from "./read-user-file.js";
import { checkRecord, type ImportProblem, type RecordValues } from "./records.js";

/**
 * Loading patrons in bulk from the campus systems (DOMAIN 9, sign-on): new users are created,
 * existing ones updated by primary id, bad records reported and skipped. All of a load's writes
 * happen in one transaction: a crash or a clash with a concurrent change leaves nothing half-done.
 * A full load (`expireMissing`) also expires the patrons it no longer lists.
 */

export interface UserFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportUsersOptions {
  dryRun: boolean;
  /** the files are the whole patron population: users they do not list (staff aside) expire */
  expireMissing: boolean;
  now: Date;
  onProgress?(done: number, total: number): void;
}

export interface ImportUsersReport {
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  /** users no longer listed, expired by a full load */
  expired: number;
  /** records left out for their problems */
  skipped: number;
  problems: ImportProblem[];
  dry_run: boolean;
}

type Existing = Awaited<ReturnType<typeof repo.listUsersForImport>>[number];
type Change = Partial<repo.UserValues>;

// Keeps each multi-row insert well under SQLite's and PostgreSQL's bound-parameter limits.
const BATCH = 500;

const dayBefore = (now: Date) => new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);

/** The load as the API's caller may make it: those who manage people. */
export async function importUsersAs(db: Db, actor: Actor, files: UserFile[], options: ImportUsersOptions) {
  authorize(actor, "people.manage");
  return importUsers(db, actor.institutionId, files, options);
}

export async function importUsers(
  db: Db,
  institutionId: number,
  files: UserFile[],
  options: ImportUsersOptions,
): Promise<ImportUsersReport> {
  const problems: ImportProblem[] = [];
  const unreadable: string[] = [];
  const raw = files.flatMap((f) => {
    const read = readUserFile(f.name, f.bytes);
    problems.push(...read.problems);
    if (!read.whole) unreadable.push(f.name);
    return read.records;
  });
  const [existing, groups, staff] = await Promise.all([
    repo.listUsersForImport(db, institutionId),
    listUserGroups(db, institutionId),
    userIdsWithRoles(db, institutionId),
  ]);
  const byPrimaryId = new Map(existing.map((u) => [u.primary_id, u]));
  const byBarcode = new Map(existing.filter((u) => u.barcode !== null).map((u) => [u.barcode!, u]));
  const groupIds = new Map(groups.map((g) => [g.code, g.id]));

  const listed = new Set<string>();
  const firstSeen = new Map<string, string>();
  const cardSeen = new Map<string, string>();
  const inserts: repo.UserValues[] = [];
  const updates: { id: number; change: Change }[] = [];
  let unchanged = 0;
  for (const record of raw) {
    if (record.values.primary_id) listed.add(record.values.primary_id.trim());
    if (record.unreadable) {
      problems.push({ file: record.file, row: record.row, field: null, reason: record.unreadable });
      continue;
    }
    const checked = checkRecord(record);
    if ("problems" in checked) {
      problems.push(...checked.problems);
      continue;
    }
    const v = checked.values;
    const at = `${record.file} row ${record.row}`;
    const problem = (field: string, reason: string) =>
      problems.push({ file: record.file, row: record.row, field, reason });
    const earlier = firstSeen.get(v.primary_id);
    if (earlier) {
      problem("primary_id", `${v.primary_id} is also on ${earlier}; each user is listed once per load.`);
      continue;
    }
    firstSeen.set(v.primary_id, at);
    const groupId = v.user_group === undefined ? undefined : groupIds.get(v.user_group);
    if (v.user_group !== undefined && groupId === undefined) {
      problem("user_group", `There is no user group with code ${v.user_group} in this institution.`);
      continue;
    }
    const current = byPrimaryId.get(v.primary_id);
    if (v.barcode !== undefined) {
      const holder = byBarcode.get(v.barcode);
      const other = cardSeen.get(v.barcode);
      if ((holder && holder.primary_id !== v.primary_id) || other) {
        problem("barcode", `The library card ${v.barcode} belongs to ${other ?? `user ${holder!.primary_id}`}.`);
        continue;
      }
      cardSeen.set(v.barcode, at);
    }
    if (!current) {
      if (v.last_name === undefined) {
        problem("last_name", "is required for a new user");
        continue;
      }
      inserts.push(newUser(v, groupId));
      continue;
    }
    const change = changeOf(current, v, groupId);
    if (Object.keys(change).length === 0) unchanged++;
    else updates.push({ id: current.id, change });
  }

  // A file that could not be read may list anyone: expire nobody on its word.
  const expire =
    options.expireMissing && unreadable.length === 0
      ? existing.filter((u) => !listed.has(u.primary_id) && !staff.has(u.id) && isEntitled(u, options.now))
      : [];
  if (options.expireMissing && unreadable.length > 0) {
    problems.push({
      file: unreadable[0]!,
      row: 0,
      field: null,
      reason: "Nobody was expired: a file of this full load could not be read whole.",
    });
  }

  const skipped = raw.length - inserts.length - updates.length - unchanged;
  const report: ImportUsersReport = {
    records: raw.length,
    created: inserts.length,
    updated: updates.length,
    unchanged,
    expired: expire.length,
    skipped,
    problems: problems.sort((a, b) => a.file.localeCompare(b.file) || a.row - b.row),
    dry_run: options.dryRun,
  };
  if (options.dryRun) return report;
  await write(db, institutionId, { inserts, updates, expire: expire.map((u) => u.id) }, options);
  return report;
}

const isEntitled = (u: Existing, now: Date) =>
  u.status === "ACTIVE" && (u.expiry_date === null || u.expiry_date >= now.toISOString().slice(0, 10));

function newUser(v: RecordValues, groupId: number | undefined): repo.UserValues {
  return {
    primary_id: v.primary_id,
    first_name: v.first_name ?? "",
    last_name: v.last_name ?? "",
    email: v.email ?? null,
    barcode: v.barcode ?? null,
    user_group_id: groupId ?? null,
    preferred_language: v.preferred_language ?? null,
    status: v.status ?? "ACTIVE",
    expiry_date: v.expiry_date ?? null,
    password_hash: null,
  };
}

/** What the record changes of the user: only the values it gives and that differ. */
function changeOf(u: Existing, v: RecordValues, groupId: number | undefined): Change {
  const change: Change = {};
  const set = <K extends keyof Change>(key: K, value: Change[K] | undefined, now: unknown) => {
    if (value !== undefined && value !== now) change[key] = value;
  };
  set("first_name", v.first_name, u.first_name);
  set("last_name", v.last_name, u.last_name);
  set("email", v.email, u.email);
  set("barcode", v.barcode, u.barcode);
  set("user_group_id", groupId, u.user_group_id);
  set("preferred_language", v.preferred_language, u.preferred_language);
  set("status", v.status, u.status);
  set("expiry_date", v.expiry_date, u.expiry_date);
  return change;
}

async function write(
  db: Db,
  institutionId: number,
  work: { inserts: repo.UserValues[]; updates: { id: number; change: Change }[]; expire: number[] },
  options: ImportUsersOptions,
) {
  const at = options.now.toISOString();
  const total = work.inserts.length + work.updates.length + work.expire.length;
  let done = 0;
  const progress = (n: number) => {
    done += n;
    options.onProgress?.(done, total);
  };
  options.onProgress?.(0, total);
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < work.inserts.length; i += BATCH) {
      const batch = work.inserts.slice(i, i + BATCH);
      await repo.insertUsers(tx, institutionId, batch, at);
      progress(batch.length);
    }
    for (const u of work.updates) {
      await repo.updateUser(tx, u.id, u.change, at);
      progress(1);
    }
    for (let i = 0; i < work.expire.length; i += BATCH) {
      const batch = work.expire.slice(i, i + BATCH);
      await repo.expireUsers(tx, batch, dayBefore(options.now), at);
      progress(batch.length);
    }
  });
}
