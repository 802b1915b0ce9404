import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
import type { Dialect } from "./dialect.js";
import * as m001 from "./migrations/001_initial.js";
import * as m005 from "./migrations/005_outbox_indexes.js";
import * as m006 from "./migrations/006_rule_engine.js";
import * as m007 from "./migrations/007_letters_and_links.js";
import * as m008 from "./migrations/008_marc_import.js";
import * as m009 from "./migrations/009_catalogue_search.js";
import * as m010 from "./migrations/010_requests_user_list_index.js";
import * as m011 from "./migrations/011_patron_limit_table.js";
import * as m012 from "./migrations/012_full_text_and_holds.js";
import * as m013 from "./migrations/013_course_requests.js";
import * as m014 from "./migrations/014_approval_reasons.js";
import * as m015 from "./migrations/015_policy_versions.js";
import * as m016 from "./migrations/016_import_heartbeat.js";
import * as m017 from "./migrations/017_login_failures.js";
import * as m019 from "./migrations/019_link_view_window.js";
import * as m021 from "./migrations/021_request_form.js";
import * as m022 from "./migrations/022_work_queue_indexes.js";
import * as m023 from "./migrations/023_requests_item_index.js";
import * as m024 from "./migrations/024_letter_text_and_user_barcode.js";
import * as m025 from "./migrations/025_open_queue_indexes.js";
import * as m026 from "./migrations/026_sign_on.js";
import * as m027 from "./migrations/027_saml_replay_cache.js";
import * as m028 from "./migrations/028_requests_user_bib_index.js";
import * as m029 from "./migrations/029_search_facets.js";
import * as m033 from "./migrations/033_search_index_deferred.js";
import * as m034 from "./migrations/034_outbox_claim_index.js";
import * as m036 from "./migrations/036_saml_sp_keys.js";
import * as m037 from "./migrations/037_saml_sp_key_rollover.js";
import * as m040 from "./migrations/040_search_facets_grouped.js";
import * as m041 from "./migrations/041_form_config_revision.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */
type DialectMigration = { up(db: Kysely<any>, dialect: Dialect): Promise<void> };

// Migrations are listed in code (not read from a folder) so that they work the same from
// source, from a build and from tests.
const migrations: Record<string, DialectMigration> = {
  "001_initial": m001,
  "005_outbox_indexes": m005,
  "006_rule_engine": m006,
  "007_letters_and_links": m007,
  "008_marc_import": m008,
  "009_catalogue_search": m009,
  "010_requests_user_list_index": m010,
  "011_patron_limit_table": m011,
  "012_full_text_and_holds": m012,
  "013_course_requests": m013,
  "014_approval_reasons": m014,
  "015_policy_versions": m015,
  "016_import_heartbeat": m016,
  "017_login_failures": m017,
  "019_link_view_window": m019,
  "021_request_form": m021,
  "022_work_queue_indexes": m022,
  "023_requests_item_index": m023,
  "024_letter_text_and_user_barcode": m024,
  "025_open_queue_indexes": m025,
  "026_sign_on": m026,
  "027_saml_replay_cache": m027,
  "028_requests_user_bib_index": m028,
  "029_search_facets": m029,
  "033_search_index_deferred": m033,
  "034_outbox_claim_index": m034,
  "036_saml_sp_keys": m036,
  "037_saml_sp_key_rollover": m037,
  "040_search_facets_grouped": m040,
  "041_form_config_revision": m041,
};

class CodeMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(migrations)) {
      out[name] = { up: (db) => m.up(db, this.dialect) };
    }
    return Promise.resolve(out);
  }
}

interface MigrationReport {
  applied: string[];
}

// Features are developed on parallel branches, each with its own numbered migration; a database
// that has a later number already must still take an earlier one that lands afterwards.
const migratorFor = (db: Kysely<any>, dialect: Dialect) =>
  new Migrator({ db, provider: new CodeMigrationProvider(dialect), allowUnorderedMigrations: true });

export async function migrateToLatest(db: Kysely<any>, dialect: Dialect): Promise<MigrationReport> {
  return report(await migratorFor(db, dialect).migrateToLatest());
}

/** Up to and including the named migration: a database as an older release left it (migration tests). */
export async function migrateUpTo(db: Kysely<any>, dialect: Dialect, name: string): Promise<MigrationReport> {
  return report(await migratorFor(db, dialect).migrateTo(name));
}

function report({ error, results }: Awaited<ReturnType<Migrator["migrateToLatest"]>>): MigrationReport {
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}
