import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { describe, expect, it, vi } from "vitest";
import { emptyDatabase } from "../../test/empty-database.js";
import { ConfigError, type Config } from "../config.js";
import { migrateToLatest, migrateUpTo } from "../db/migrate.js";
import { generateSpKeyPair } from "../sign-on/saml/sp-certificate.js";
import { secretBoxOf, SecretNotOpened } from "../shared/secret-box.js";
import { sealStoredSecrets } from "./seal-stored-secrets.js";
import { secretBox } from "./secrets-key.js";
import { rotateSecretsKeyCli, rotateSecretsKeyCommand } from "../cli/rotate-secrets-key.js";

/*
 * The secrets a database held in clear before they were sealed (migration 037 and the first start
 * after it) are sealed at start without being lost; a server started with another key stops with
 * an error naming the setting and saying no secret; without a key one is generated, kept in a file
 * only its owner reads, and the start says so.
 */

const AT = "2026-03-02T09:00:00.000Z";
const CLIENT_SECRET = "client-s3cret-value";

function keyConfig(key = randomBytes(32)): Pick<Config, "secretsKey" | "filesDir"> {
  return { secretsKey: { key, setting: "SECRETS_KEY" }, filesDir: "/nonexistent/files" };
}

function logTo(lines: Record<string, unknown>[]) {
  return pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
}

/** A database as release 036 left it: a SAML provider's private key and an OpenID client secret in clear. */
async function databaseWithClearSecrets() {
  const opened = await emptyDatabase();
  const { db, dialect } = opened;
  await migrateUpTo(db, dialect, "036_saml_sp_keys");
  const inst = await db
    .insertInto("institutions")
    .values({ code: "OLD", name: "Old", time_zone: "UTC", default_language: "en", created_at: AT, updated_at: AT })
    .returning("id")
    .executeTakeFirstOrThrow();
  const provider = (code: string, protocol: "saml" | "oidc", settings: object) =>
    db
      .insertInto("identity_providers")
      .values({
        institution_id: inst.id,
        code,
        label: code,
        protocol,
        settings: JSON.stringify(settings),
        mapping: "{}",
        created_at: AT,
        updated_at: AT,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  const saml = await provider("campus", "saml", { idp_entity_id: "https://idp.example" });
  const oidc = await provider("login", "oidc", { issuer: "https://idp.example", client_secret: CLIENT_SECRET });
  const pair = await generateSpKeyPair("old", new Date(AT));
  await db
    .insertInto("saml_sp_keys")
    .values({
      institution_id: inst.id,
      provider_id: saml.id,
      private_key: pair.privateKey,
      certificate: pair.certificate,
      created_at: AT,
    })
    .execute();
  await migrateToLatest(db, dialect);
  const rows = async () => ({
    key: await db.selectFrom("saml_sp_keys").selectAll().where("provider_id", "=", saml.id).executeTakeFirstOrThrow(),
    secret: (
      JSON.parse(
        (
          await db
            .selectFrom("identity_providers")
            .select("settings")
            .where("id", "=", oidc.id)
            .executeTakeFirstOrThrow()
        ).settings,
      ) as { client_secret: string }
    ).client_secret,
  });
  return { ...opened, pair, rows, instId: inst.id, samlId: saml.id };
}

describe("secrets stored before they were sealed", () => {
  it("keep their key pair through migration 037 as the active one", async () => {
    const { rows, pair, db, instId, samlId } = await databaseWithClearSecrets();
    const { key } = await rows();
    expect(key).toMatchObject({ status: "active", activated_at: key.created_at, certificate: pair.certificate });
    // One active key per provider; another beside it is a rollover's.
    const another = { institution_id: instId, provider_id: samlId, private_key: "x", certificate: "y", created_at: AT };
    await expect(
      db
        .insertInto("saml_sp_keys")
        .values({ ...another, status: "active" })
        .execute(),
    ).rejects.toThrow();
    await db
      .insertInto("saml_sp_keys")
      .values({ ...another, status: "next" })
      .execute();
  });

  it("are sealed at start, not readable in the rows, and open to what they were", async () => {
    const { db, rows, pair } = await databaseWithClearSecrets();
    const config = keyConfig();
    const lines: Record<string, unknown>[] = [];
    expect(await sealStoredSecrets({ db, config, log: logTo(lines) })).toEqual({ sealed: 2 });
    const { key, secret } = await rows();
    expect(key.private_key).not.toMatch(/PRIVATE KEY/);
    expect(key.private_key).not.toContain(pair.privateKey.split("\n")[1]);
    expect(secret).not.toContain(CLIENT_SECRET);
    const box = secretBox(config);
    expect(box.open(key.private_key, "saml-sp-private-key")).toBe(pair.privateKey);
    expect(box.open(secret, "oidc-client-secret")).toBe(CLIENT_SECRET);
    // A second start seals nothing more: the same sealed values stay.
    expect(await sealStoredSecrets({ db, config, log: logTo(lines) })).toEqual({ sealed: 0 });
    expect((await rows()).key.private_key).toBe(key.private_key);
    expect(JSON.stringify(lines)).not.toContain(CLIENT_SECRET);
  });

  it("stop the start with another key: the error names the setting and says no secret, nothing is changed", async () => {
    const { db, rows } = await databaseWithClearSecrets();
    await sealStoredSecrets({ db, config: keyConfig(), log: logTo([]) });
    const before = await rows();
    const wrong = keyConfig();
    let error: unknown;
    try {
      await sealStoredSecrets({ db, config: wrong, log: logTo([]) });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/SECRETS_KEY: the secrets in the database were sealed with key [0-9a-f]{16}/);
    expect(message).toContain(secretBox(wrong).keyId);
    expect(message).not.toContain(CLIENT_SECRET);
    expect(await rows()).toEqual(before);
    expect(() => secretBox(wrong).open(before.secret, "oidc-client-secret")).toThrow(SecretNotOpened);
  });

  it("are sealed with a generated key when none is set, kept in a file only its owner reads, and the start says so", async () => {
    const { db, rows } = await databaseWithClearSecrets();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-secrets-"));
    const config = { secretsKey: null, filesDir: path.join(dir, "files") };
    const lines: Record<string, unknown>[] = [];
    expect(await sealStoredSecrets({ db, config, log: logTo(lines) })).toEqual({ sealed: 2 });
    const file = path.join(dir, "secrets-key");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
    expect(secretBoxOf(key).open((await rows()).secret, "oidc-client-secret")).toBe(CLIENT_SECRET);
    expect(lines.find((l) => /SECRETS_KEY is not set/.test(String(l.msg)))).toMatchObject({ level: 40, file });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("recto rotate-secrets-key", () => {
  function newKeyFile(key: Buffer = randomBytes(32)): { file: string; key: Buffer } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-rotate-"));
    const file = path.join(dir, "new-key");
    fs.writeFileSync(file, key.toString("base64"), { mode: 0o600 });
    return { file, key };
  }
  const io = () => {
    const lines = { out: [] as string[], err: [] as string[] };
    return { lines, io: { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l) } };
  };

  it("re-seals every secret with the new key: they open with it, no longer with the old one", async () => {
    const { db, rows, pair } = await databaseWithClearSecrets();
    const config = keyConfig();
    await sealStoredSecrets({ db, config, log: logTo([]) });
    const { file, key } = newKeyFile();
    const run = io();
    expect(await rotateSecretsKeyCli(db, config, ["--new-key-file", file], run.io)).toBe(0);
    expect(run.lines.out[0]).toMatch(/^2 secrets re-sealed with key [0-9a-f]{16}\.$/);
    expect(run.lines.out[1]).toMatch(/SECRETS_KEY_FILE=.*new-key .*in place of SECRETS_KEY/);
    const { key: row, secret } = await rows();
    const next = secretBoxOf(key);
    expect(next.open(row.private_key, "saml-sp-private-key")).toBe(pair.privateKey);
    expect(next.open(secret, "oidc-client-secret")).toBe(CLIENT_SECRET);
    expect(() => secretBox(config).open(secret, "oidc-client-secret")).toThrow(SecretNotOpened);
    // The server started with the new key finds them all opening.
    const started = { secretsKey: { key, setting: "SECRETS_KEY_FILE" as const }, filesDir: "/nonexistent/files" };
    expect(await sealStoredSecrets({ db, config: started, log: logTo([]) })).toEqual({ sealed: 0 });
    // Run again with the old key (as after a rotation cut short): what is sealed with the new key stays.
    const again = io();
    expect(await rotateSecretsKeyCli(db, config, ["--new-key-file", file], again.io)).toBe(0);
    expect(again.lines.out[0]).toMatch(/^0 secrets re-sealed with key [0-9a-f]{16} \(2 were already\)\.$/);
    expect((await rows()).secret).toBe(secret);
    // And the key in use is no new key.
    expect(await rotateSecretsKeyCli(db, started, ["--new-key-file", file], io().io)).toBe(2);
  });

  it("changes nothing when the current key does not open the secrets, or the new key is not one", async () => {
    const { db, rows } = await databaseWithClearSecrets();
    await sealStoredSecrets({ db, config: keyConfig(), log: logTo([]) });
    const before = await rows();
    const run = io();
    expect(await rotateSecretsKeyCli(db, keyConfig(), ["--new-key-file", newKeyFile().file], run.io)).toBe(1);
    expect(run.lines.err.join("\n")).toMatch(
      /^Nothing was changed: saml_sp_keys \d+ does not open with the current key/,
    );
    expect(await rows()).toEqual(before);
    const bad = newKeyFile(randomBytes(16));
    const badRun = io();
    expect(await rotateSecretsKeyCli(db, keyConfig(), ["--new-key-file", bad.file], badRun.io)).toBe(2);
    expect(badRun.lines.err.join("\n")).toMatch(/must be 32 bytes in base64/);
    expect(await rotateSecretsKeyCli(db, keyConfig(), [], io().io)).toBe(2);
    expect(await rows()).toEqual(before);
  });

  it("without a key set or generated, says what to do and exits as on bad usage, creating nothing", async () => {
    // The server ran with SECRETS_KEY; this shell does not have it, and no key was ever generated.
    const { db, rows } = await databaseWithClearSecrets();
    await sealStoredSecrets({ db, config: keyConfig(), log: logTo([]) });
    const before = await rows();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-no-key-"));
    try {
      const unset = { secretsKey: null, filesDir: path.join(dir, "files") };
      const run = io();
      expect(await rotateSecretsKeyCli(db, unset, ["--new-key-file", newKeyFile().file], run.io)).toBe(2);
      expect(run.lines.err.join("\n")).toMatch(
        /^No secrets key is set: SECRETS_KEY and SECRETS_KEY_FILE are unset, and Recto has generated none in .*secrets-key\. Run the command with the SECRETS_KEY or SECRETS_KEY_FILE the server runs with\./,
      );
      expect(run.lines.out).toEqual([]);
      expect(fs.readdirSync(dir)).toEqual([]);
      expect(await rows()).toEqual(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("as a command, opens no database either when no key is set or generated: the disk stays as it was", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-no-key-run-"));
    const said: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void said.push(line));
    vi.stubEnv("DATABASE_URL", path.join(dir, "recto.db"));
    vi.stubEnv("FILES_DIR", path.join(dir, "files"));
    vi.stubEnv("SECRETS_KEY", undefined);
    vi.stubEnv("SECRETS_KEY_FILE", undefined);
    try {
      expect(await rotateSecretsKeyCommand.run(["--new-key-file", newKeyFile().file])).toBe(2);
      expect(said.join("\n")).toMatch(/^No secrets key is set/);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
      vi.restoreAllMocks();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
