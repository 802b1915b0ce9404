import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("configuration from the environment", () => {
  it("has working defaults: port 3000, SQLite under ./data", () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database).toMatchObject({ dialect: "sqlite" });
    expect(c.database.dialect === "sqlite" && c.database.file.endsWith("data/recto.db")).toBe(true);
    expect(c.filesDir.endsWith("data/files")).toBe(true);
    expect(c.publicUrl).toBe("http://localhost:3000");
  });

  it("switches to PostgreSQL for a postgres:// URL", () => {
    const c = loadConfig({ DATABASE_URL: "postgres://u@db:5432/recto", PUBLIC_URL: "https://recto.example.edu/" });
    expect(c.database).toEqual({ dialect: "postgres", url: "postgres://u@db:5432/recto" });
    expect(c.publicUrl).toBe("https://recto.example.edu");
  });

  it("names every bad variable in one clear error", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "eighty", PUBLIC_URL: "recto.example.edu", MAX_UPLOAD_MB: "-1" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.join("\n")).toMatch(/PORT: PORT must be a number/);
    expect(problems.join("\n")).toMatch(/PUBLIC_URL/);
    expect(problems.join("\n")).toMatch(/MAX_UPLOAD_MB: MAX_UPLOAD_MB must be greater than 0/);
  });

  it("refuses a port out of range", () => {
    expect(() => loadConfig({ PORT: "70000" })).toThrow(/PORT must be between 1 and 65535/);
  });

  it("trusts no proxy by default and reads TRUSTED_PROXIES as a list of addresses and CIDR ranges", () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ TRUSTED_PROXIES: " 10.0.0.1, 192.168.0.0/16,::1,fd00::/8 " }).trustedProxies).toEqual([
      "10.0.0.1",
      "192.168.0.0/16",
      "::1",
      "fd00::/8",
    ]);
  });

  it.each(["proxy.example.edu", "10.0.0.1/33", "10.0.0/8", "::1/129", "10.0.0.1/8/8", "10.0.0.1/x"])(
    "refuses TRUSTED_PROXIES=%s, naming the variable and the bad entry",
    (entry) => {
      const load = () => loadConfig({ TRUSTED_PROXIES: `10.0.0.1,${entry}` });
      expect(load).toThrow(/TRUSTED_PROXIES: TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR/);
      expect(load).toThrow(`(not ${entry})`);
    },
  );

  it("limits failed sign-ins per address to 30 by default; 0 turns the limit off; a negative number is refused", () => {
    expect(loadConfig({}).loginFailuresPerAddress).toBe(30);
    expect(loadConfig({ LOGIN_IP_LIMIT: "0" }).loginFailuresPerAddress).toBe(0);
    expect(() => loadConfig({ LOGIN_IP_LIMIT: "-1" })).toThrow(/LOGIN_IP_LIMIT: .* 0/);
    expect(() => loadConfig({ LOGIN_IP_LIMIT: "many" })).toThrow(/LOGIN_IP_LIMIT must be a number/);
  });

  it("reads the letter renderer's threads and limits, with defaults", () => {
    expect(loadConfig({}).letterRender).toEqual({ workers: 2, timeoutMs: 2000, memoryMb: 64 });
    expect(loadConfig({ LETTER_THREADS: "4", LETTER_TIMEOUT_MS: "500", LETTER_MEMORY_MB: "128" }).letterRender).toEqual(
      { workers: 4, timeoutMs: 500, memoryMb: 128 },
    );
    expect(() => loadConfig({ LETTER_THREADS: "0" })).toThrow(/LETTER_THREADS must be between 1 and 16/);
    expect(() => loadConfig({ LETTER_MEMORY_MB: "lots" })).toThrow(/LETTER_MEMORY_MB must be a number/);
  });

  it("reads HEAP_GROWTH_PERCENT (50 by default, 0 for V8's own), and refuses what is out of range", () => {
    expect(loadConfig({}).heapGrowthPercent).toBe(50);
    expect(loadConfig({ HEAP_GROWTH_PERCENT: "0" }).heapGrowthPercent).toBe(0);
    expect(loadConfig({ HEAP_GROWTH_PERCENT: "100" }).heapGrowthPercent).toBe(100);
    for (const bad of ["5", "301", "-1", "1.5", "lots"]) {
      expect(() => loadConfig({ HEAP_GROWTH_PERCENT: bad })).toThrow(/HEAP_GROWTH_PERCENT must be/);
    }
  });

  it("takes DEFAULT_INSTITUTION as an institution code, and refuses anything else", () => {
    expect(loadConfig({}).defaultInstitution).toBeNull();
    expect(loadConfig({ DEFAULT_INSTITUTION: "MAIN-U" }).defaultInstitution).toBe("MAIN-U");
    expect(() => loadConfig({ DEFAULT_INSTITUTION: "two words" })).toThrow(
      /DEFAULT_INSTITUTION: DEFAULT_INSTITUTION must be an institution code/,
    );
    expect(() => loadConfig({ DEFAULT_INSTITUTION: "" })).toThrow(/DEFAULT_INSTITUTION/);
  });

  describe("the secrets key", () => {
    const key = randomBytes(32).toString("base64");
    const problem = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (e) {
        return (e as ConfigError).problems.join("\n");
      }
      return "no problem";
    };

    it("is none by default (a generated file beside FILES_DIR then), or SECRETS_KEY's 32 bytes", () => {
      expect(loadConfig({}).secretsKey).toBeNull();
      const c = loadConfig({ SECRETS_KEY: ` ${key}\n` });
      expect(c.secretsKey?.key.equals(Buffer.from(key, "base64"))).toBe(true);
      expect(c.secretsKey?.setting).toBe("SECRETS_KEY");
    });

    it("is read from SECRETS_KEY_FILE", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-key-"));
      const file = path.join(dir, "key");
      fs.writeFileSync(file, `${key}\n`);
      expect(loadConfig({ SECRETS_KEY_FILE: file }).secretsKey).toMatchObject({ setting: "SECRETS_KEY_FILE" });
      fs.writeFileSync(file, "short");
      expect(problem({ SECRETS_KEY_FILE: file })).toMatch(
        /^SECRETS_KEY_FILE: the file .* must be 32 random bytes in base64/,
      );
      expect(problem({ SECRETS_KEY_FILE: path.join(dir, "none") })).toMatch(
        /^SECRETS_KEY_FILE: the file .*none cannot be read \(ENOENT\)$/,
      );
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("refuses a key that is not 32 bytes of base64, or both settings, saying which without the value", () => {
      expect(problem({ SECRETS_KEY: "not base64!" })).toMatch(
        /^SECRETS_KEY: SECRETS_KEY must be 32 random bytes in base64/,
      );
      const short = randomBytes(16).toString("base64");
      const said = problem({ SECRETS_KEY: short });
      expect(said).toMatch(/^SECRETS_KEY: SECRETS_KEY must be 32 bytes in base64 \(44 characters\), not 16 bytes/);
      expect(said).not.toContain(short);
      expect(problem({ SECRETS_KEY: key, SECRETS_KEY_FILE: "/etc/recto/key" })).toBe(
        "SECRETS_KEY: set SECRETS_KEY or SECRETS_KEY_FILE, not both",
      );
    });
  });
});
