import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ImportOptions } from "../src/catalogue/marc/import-marc.js";
import { IMPORT_PROFILES } from "../src/catalogue/marc/import-profiles.js";

/**
 * The real MARC files under ../shared/data/marc (see its README). They are test data only and
 * are not in the repository, so tests that need them skip, saying why, when the folder is absent.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// beside the checkout; a git worktree kept one folder deeper (e.g. wt/name) finds it beside its parent
const near = path.resolve(repoRoot, "../shared/data/marc");
const further = path.resolve(repoRoot, "../../shared/data/marc");
const MARC_DATA = fs.existsSync(near) || !fs.existsSync(further) ? near : further;
export const marcDataAvailable = fs.existsSync(MARC_DATA);
export const MARC_DATA_MISSING = `skipped: the MARC test data folder ${MARC_DATA} is absent`;
if (!marcDataAvailable) console.warn(MARC_DATA_MISSING);

export const marcFile = (rel: string) => ({
  name: path.basename(rel),
  bytes: fs.readFileSync(path.join(MARC_DATA, rel)),
});

export const allMarcFiles = (): string[] =>
  marcDataAvailable
    ? fs
        .readdirSync(MARC_DATA)
        .flatMap((dir) => fs.readdirSync(path.join(MARC_DATA, dir)).map((f) => `${dir}/${f}`))
        .sort()
    : [];

/**
 * Counts the fields with a tag in an ISO 2709 file straight from each record's directory, without
 * the importer's reader, so item counts can be checked against the file itself.
 */
export function countTagInIso2709(bytes: Uint8Array, tag: string): number {
  let n = 0;
  let start = 0;
  for (;;) {
    const end = bytes.indexOf(0x1d, start);
    if (end === -1) return n;
    const rec = Buffer.from(bytes.subarray(start, end));
    const base = Number(rec.toString("latin1", 12, 17));
    for (let at = 24; at < base - 1; at += 12) if (rec.toString("latin1", at, at + 3) === tag) n += 1;
    start = end + 1;
  }
}

/** An import into an institution with the Evergreen profile, creating the places its items name. */
export const importOptions = (institutionId: number, now: Date, o: Partial<ImportOptions> = {}): ImportOptions => ({
  institutionId,
  profile: IMPORT_PROFILES.evergreen!,
  dryRun: false,
  createMissing: true,
  now,
  ...o,
});
