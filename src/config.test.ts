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

  it("takes DEFAULT_INSTITUTION as an institution code, and refuses anything else", () => {
    expect(loadConfig({}).defaultInstitution).toBeNull();
    expect(loadConfig({ DEFAULT_INSTITUTION: "MAIN-U" }).defaultInstitution).toBe("MAIN-U");
    expect(() => loadConfig({ DEFAULT_INSTITUTION: "two words" })).toThrow(
      /DEFAULT_INSTITUTION: DEFAULT_INSTITUTION must be an institution code/,
    );
    expect(() => loadConfig({ DEFAULT_INSTITUTION: "" })).toThrow(/DEFAULT_INSTITUTION/);
  });
});
