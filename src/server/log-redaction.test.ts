import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../people/login.js";
import type { Db } from "../db/database.js";
import { admin, makeInstitution, makeUser, type InstitutionFixture, type UserFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { buildApp } from "./app.js";
import { createLogger, redactUrl, scrubText } from "./logger.js";

/** Every line the app writes, as the server's logger writes it (at info, the server's default). */
const lines: string[] = [];
const t = useTestApp({}, { log: () => createLogger("info", { write: (line: string) => void lines.push(line) }) });

const PASSWORD = "correct horse battery staple 42";
const DOWNLOAD_TOKEN = "Zx9".repeat(14) + "q"; // 43 characters, the shape of a link token

describe("the request log never carries a secret", () => {
  let inst: InstitutionFixture;
  let patron: UserFixture;
  let boss: UserFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    patron = await makeUser(t.ctx, inst, { group: "FACULTY", passwordHash: await hashPassword(PASSWORD) });
    boss = await admin(t.ctx, inst);
  });

  it("redacts API keys, session cookies, CSRF tokens, passwords and link tokens from every line", async () => {
    lines.length = 0;
    const secrets: string[] = [patron.apiKey, boss.apiKey, PASSWORD, DOWNLOAD_TOKEN];
    // A key in the query where it is accepted, and where it is refused.
    const compat = await t.app.inject({
      method: "GET",
      url: `/almaws/v1/users/${patron.primaryId}/requests?limit=5&apikey=${patron.apiKey}`,
    });
    expect(compat.statusCode).toBe(200);
    const refused = await t.app.inject({ method: "GET", url: `/api/v1/libraries?api_key=${boss.apiKey}&x=1` });
    expect(refused.statusCode).toBe(401);
    // Headers.
    const header = await t.app.inject({
      method: "GET",
      url: "/api/v1/libraries",
      headers: { authorization: `Bearer ${boss.apiKey}` },
    });
    expect(header.statusCode).toBe(200);
    // A sign-in (password in the body), then a write with the session cookie and the CSRF token.
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { institution: inst.code, user_id: patron.primaryId, password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers["set-cookie"]).split(";")[0]!;
    const csrf = login.json().csrf_token as string;
    secrets.push(cookie.split("=")[1]!, csrf);
    const logout = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie, "x-csrf-token": csrf },
    });
    expect(logout.statusCode).toBe(204);
    // A download link, and a password-looking query on a public route.
    const link = await t.app.inject({ method: "GET", url: `/api/v1/downloads/${DOWNLOAD_TOKEN}?token=${PASSWORD}` });
    expect(link.statusCode).toBe(404);
    // Something logged by hand, as a developer might.
    t.app.log.info(
      {
        headers: { authorization: `apikey ${boss.apiKey}`, cookie, "x-csrf-token": csrf },
        request: { headers: { authorization: `Bearer ${boss.apiKey}` } },
        login: { user_id: patron.primaryId, password: PASSWORD },
      },
      `debugging /api/v1/downloads/${DOWNLOAD_TOKEN} for ${boss.apiKey}`,
    );

    const log = lines.join("");
    expect(lines.length).toBeGreaterThan(10);
    for (const secret of secrets) expect(log).not.toContain(secret);
    expect(log).not.toContain(encodeURIComponent(PASSWORD));
    const urls = lines.map((l) => JSON.parse(l) as { req?: { url?: string } }).flatMap((l) => l.req?.url ?? []);
    expect(urls).toContain(`/almaws/v1/users/${patron.primaryId}/requests?limit=5&apikey=[REDACTED]`);
    expect(urls).toContain("/api/v1/libraries?api_key=[REDACTED]&x=1");
    expect(urls).toContain("/api/v1/downloads/[REDACTED]?token=[REDACTED]");
    expect(log).toContain('"authorization":"[REDACTED]"');
    expect(log).toContain('"x-csrf-token":"[REDACTED]"');
    expect(log).toContain('"cookie":"[REDACTED]"');
    expect(log).toContain('"password":"[REDACTED]"');
  });

  it("redacts the URL and the error text of a failed request's error line", async () => {
    lines.length = 0;
    const failing = {
      selectFrom() {
        throw new Error("connect ECONNREFUSED postgres://recto:hunter2@db-internal:5432/recto (password=hunter2)");
      },
    } as unknown as Db;
    const app = await buildApp({ ...t.ctx, db: failing });
    try {
      const res = await app.inject({ method: "GET", url: "/health?token=s3cret-token-value" });
      expect(res.statusCode).toBe(500);
    } finally {
      await app.close();
    }
    const errorLine = lines.map((l) => JSON.parse(l)).find((l) => l.level === 50);
    expect(errorLine).toMatchObject({ req: { method: "GET", url: "/health?token=[REDACTED]" } });
    expect(errorLine.err.message).toBe(
      "connect ECONNREFUSED postgres://recto:[REDACTED]@db-internal:5432/recto (password=[REDACTED])",
    );
    const log = lines.join("");
    expect(log).not.toContain("hunter2");
    expect(log).not.toContain("s3cret-token-value");
  });
});

describe("redactUrl and scrubText", () => {
  it("keeps harmless parameters and replaces credential ones, whatever their case or encoding", () => {
    expect(redactUrl("/a?q=apikey&apikey=k1&APIKEY=k2&Access_Token=k3&ap%69key=k4&limit=5")).toBe(
      "/a?q=apikey&apikey=[REDACTED]&APIKEY=[REDACTED]&Access_Token=[REDACTED]&ap%69key=[REDACTED]&limit=5",
    );
    expect(redactUrl("/api/v1/downloads/abc/file?x=1")).toBe("/api/v1/downloads/[REDACTED]/file?x=1");
    expect(redactUrl("/api/v1/requests?status=NEW")).toBe("/api/v1/requests?status=NEW");
  });

  it("replaces a Recto API key wherever it stands in the URL, under any parameter name or in the path", () => {
    const key = "rk_" + "Ab9-_".repeat(9);
    expect(redactUrl(`/almaws/v1/users/x/requests?wskey=${key}&format=json`)).toBe(
      "/almaws/v1/users/x/requests?wskey=[REDACTED]&format=json",
    );
    expect(redactUrl(`/api/v1/users/${key}`)).toBe("/api/v1/users/[REDACTED]");
  });

  it("scrubs secrets out of free text", () => {
    expect(scrubText("GET /x?apikey=abc&b=2 with Authorization: Bearer rk_abcdefghijklmnopqrstuvwxyz")).toBe(
      "GET /x?apikey=[REDACTED]&b=2 with Authorization: Bearer [REDACTED]",
    );
    expect(scrubText("smtp://mailer:pa55@mail:587 said no")).toBe("smtp://mailer:[REDACTED]@mail:587 said no");
    expect(scrubText("nothing secret here: key-value store, token bucket")).toBe(
      "nothing secret here: key-value store, token bucket",
    );
  });
});
