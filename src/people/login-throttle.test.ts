import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { makeInstitution, makeUser, type InstitutionFixture, type UserFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { hashPassword } from "./login.js";
import { addressLockedUntil, addressSubject } from "./login-throttle.js";

// Every log line of the app, kept so the tests can read what a throttle decision wrote.
const logLines: string[] = [];
const log = pino({ level: "info" }, { write: (line: string) => void logLines.push(line) });
const t = useTestApp({}, { log });

const PASSWORD = "the right password, long enough";
const WRONG = "a wrong password guessed";

// Each test signs in from addresses of its own, so no test inherits another's failures (the
// PostgreSQL database is shared by every test file of the run).
let lastAddress = 0;
const newAddress = () => `198.51.100.${++lastAddress}`;

async function signIn(
  account: { institution: string; user_id: string },
  password: string,
  address: string,
  headers: Record<string, string> = {},
) {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { ...account, password },
    remoteAddress: address,
    headers,
  });
  return { status: res.statusCode, body: res.json(), retryAfter: res.headers["retry-after"] };
}

const advance = (seconds: number) => t.clock.set(new Date(t.clock.now().getTime() + seconds * 1000));

const throttleLines = () =>
  logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === "sign-in throttled");

describe("sign-in throttling per account", () => {
  let inst: InstitutionFixture;
  let passwordHash: string;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    passwordHash = await hashPassword(PASSWORD);
  });
  const newUser = () => makeUser(t.ctx, inst, { passwordHash });
  const accountOf = (u: UserFixture) => ({ institution: inst.code, user_id: u.primaryId });

  it("answers 429 with Retry-After to the 6th attempt after 5 wrong passwords, even with the right password", async () => {
    const user = await newUser();
    const address = newAddress();
    for (let i = 0; i < 5; i++) {
      const res = await signIn(accountOf(user), WRONG, address);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe("INVALID_CREDENTIALS");
    }
    const sixth = await signIn(accountOf(user), WRONG, address);
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe("TOO_MANY_ATTEMPTS");
    expect(sixth.retryAfter).toBe("60");
    expect(sixth.body.message).toMatch(/too many failed sign-in attempts/i);
    expect(sixth.body.message).toMatch(/1 minute/);
    expect(sixth.body.details).toEqual({ retry_after_seconds: 60 });

    // The password is not checked while the account is locked, from any address.
    const right = await signIn(accountOf(user), PASSWORD, address);
    expect(right.status).toBe(429);
    expect(right.body.code).toBe("TOO_MANY_ATTEMPTS");
    const elsewhere = await signIn(accountOf(user), PASSWORD, newAddress());
    expect(elsewhere.status).toBe(429);

    // Another account from the same address is not locked.
    const other = await newUser();
    expect((await signIn(accountOf(other), PASSWORD, address)).status).toBe(200);
  });

  it("lets the user in once the lock has passed, counting down Retry-After meanwhile", async () => {
    const user = await newUser();
    const address = newAddress();
    for (let i = 0; i < 5; i++) await signIn(accountOf(user), WRONG, address);
    advance(45);
    const during = await signIn(accountOf(user), PASSWORD, address);
    expect(during.status).toBe(429);
    expect(during.retryAfter).toBe("15");
    advance(15);
    const after = await signIn(accountOf(user), PASSWORD, address);
    expect(after.status).toBe(200);
    expect(after.body.user_id).toBe(user.id);
  });

  it("doubles the lock with each further failure, up to 15 minutes", async () => {
    const user = await newUser();
    const address = newAddress();
    for (let i = 0; i < 5; i++) await signIn(accountOf(user), WRONG, address);
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      const locked = await signIn(accountOf(user), WRONG, address);
      expect(locked.status).toBe(429);
      seen.push(String(locked.retryAfter));
      advance(Number(locked.retryAfter));
      expect((await signIn(accountOf(user), WRONG, address)).status).toBe(401);
    }
    expect(seen).toEqual(["60", "120", "240", "480", "900", "900"]);
  });

  it("lets no more than 5 of many guesses sent at once reach the password check", async () => {
    const user = await newUser();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => signIn(accountOf(user), WRONG, newAddress()).then((r) => r.status)),
    );
    expect(answers.filter((s) => s === 401)).toHaveLength(5);
    expect(answers.filter((s) => s === 429)).toHaveLength(5);
  });

  it("starts counting again after a successful sign-in", async () => {
    const user = await newUser();
    const address = newAddress();
    for (let i = 0; i < 4; i++) expect((await signIn(accountOf(user), WRONG, address)).status).toBe(401);
    expect((await signIn(accountOf(user), PASSWORD, address)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signIn(accountOf(user), WRONG, address)).status).toBe(401);
    expect((await signIn(accountOf(user), PASSWORD, address)).status).toBe(200);
    // 8 failures in all, never 5 in a run: no lock.
  });

  it("forgets failures after 15 quiet minutes", async () => {
    const user = await newUser();
    const address = newAddress();
    for (let i = 0; i < 4; i++) await signIn(accountOf(user), WRONG, address);
    advance(15 * 60 + 1);
    // Counted with the first four, the fifth of these would lock the account.
    for (let i = 0; i < 4; i++) expect((await signIn(accountOf(user), WRONG, address)).status).toBe(401);
    expect((await signIn(accountOf(user), PASSWORD, address)).status).toBe(200);
  });

  it("throttles an unknown user id, and an unknown institution, exactly like a real one", async () => {
    const address = newAddress();
    for (const account of [
      { institution: inst.code, user_id: "nobody-by-this-id" },
      { institution: "NO_SUCH_INSTITUTION", user_id: "nobody" },
    ]) {
      for (let i = 0; i < 5; i++) expect((await signIn(account, WRONG, address)).status).toBe(401);
      const sixth = await signIn(account, WRONG, address);
      expect(sixth.status).toBe(429);
      expect(sixth.body.code).toBe("TOO_MANY_ATTEMPTS");
      expect(sixth.retryAfter).toBe("60");
    }
  });

  it("logs each refusal once at warn with institution, user id and address, and never a password", async () => {
    const user = await newUser();
    const address = newAddress();
    const secret = "Sup3r-secret guess that must never be logged";
    const before = throttleLines().length;
    for (let i = 0; i < 5; i++) await signIn(accountOf(user), secret, address);
    expect(throttleLines().length).toBe(before);
    await signIn(accountOf(user), secret, address);
    await signIn(accountOf(user), PASSWORD, address);
    const lines = throttleLines().slice(before);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatchObject({
        level: 40,
        institution: inst.code,
        user_id: user.primaryId,
        client_address: address,
        limit: "account",
        retry_after_seconds: 60,
      });
    }
    const all = logLines.join("\n");
    expect(all).not.toContain(secret);
    expect(all).not.toContain(PASSWORD);
  });
});

// The address limit is a setting (LOGIN_IP_LIMIT, 30 by default); a small one keeps
// these tests short, since every failure costs a password check.
const LIMIT = 6;

describe("sign-in throttling per client address", () => {
  const few = useTestApp({ loginFailuresPerAddress: LIMIT }, { log });
  const attempt = (
    inst: InstitutionFixture,
    userId: string,
    password: string,
    address: string,
    headers: Record<string, string> = {},
  ) =>
    few.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { institution: inst.code, user_id: userId, password },
      remoteAddress: address,
      headers,
    });
  let inst: InstitutionFixture;
  beforeAll(async () => {
    inst = await makeInstitution(few.ctx);
  });

  it("refuses every sign-in from an address after too many failures in 15 minutes, across many accounts", async () => {
    const address = newAddress();
    const user = await makeUser(few.ctx, inst, { passwordHash: await hashPassword(PASSWORD) });
    for (let i = 0; i < LIMIT; i++) {
      // a different (unknown) account each time, so no account lock is reached
      expect((await attempt(inst, `guess-${i}`, WRONG, address)).statusCode).toBe(401);
      few.clock.set(new Date(few.clock.now().getTime() + 10_000));
    }
    const refused = await attempt(inst, user.primaryId, PASSWORD, address);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe("TOO_MANY_ATTEMPTS");
    // The first failure leaves the 15-minute window 15 minutes after it was made.
    const wait = 15 * 60 - LIMIT * 10;
    expect(refused.headers["retry-after"]).toBe(String(wait));
    expect(throttleLines().at(-1)).toMatchObject({
      institution: inst.code,
      user_id: user.primaryId,
      client_address: address,
      limit: "address",
    });

    // The same account from another address is not affected.
    expect((await attempt(inst, user.primaryId, PASSWORD, newAddress())).statusCode).toBe(200);
    few.clock.set(new Date(few.clock.now().getTime() + wait * 1000));
    expect((await attempt(inst, user.primaryId, PASSWORD, address)).statusCode).toBe(200);
  });

  it("ignores X-Forwarded-For by default, so a forged one does not dodge the address limit", async () => {
    const address = newAddress();
    for (let i = 0; i < LIMIT; i++) {
      const forged = { "x-forwarded-for": `192.0.2.${i + 1}` };
      expect((await attempt(inst, `fx-${i}`, WRONG, address, forged)).statusCode).toBe(401);
    }
    const res = await attempt(inst, "fx-last", WRONG, address, { "x-forwarded-for": "192.0.2.200" });
    expect(res.statusCode).toBe(429);
    expect(throttleLines().at(-1)).toMatchObject({ client_address: address, limit: "address" });
  });
});

describe("sign-in throttling behind a trusted proxy (TRUSTED_PROXIES)", () => {
  const proxy = "10.9.8.7";
  const behind = useTestApp({ trustedProxies: [proxy], loginFailuresPerAddress: LIMIT });

  it("throttles the client named in X-Forwarded-For by the trusted proxy, not the proxy itself", async () => {
    const inst = await makeInstitution(behind.ctx);
    const client = newAddress();
    const attempt = (userId: string, forwardedFor: string, from = proxy) =>
      behind.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { institution: inst.code, user_id: userId, password: WRONG },
        remoteAddress: from,
        headers: { "x-forwarded-for": forwardedFor },
      });
    for (let i = 0; i < LIMIT; i++) expect((await attempt(`px-${i}`, client)).statusCode).toBe(401);
    // The client is throttled, whichever account it tries ...
    expect((await attempt("px-next", client)).statusCode).toBe(429);
    // ... while other clients of the same proxy are not.
    expect((await attempt("px-next", newAddress())).statusCode).toBe(401);
    // A header from an address that is not the trusted proxy is still ignored.
    expect((await attempt("px-direct", client, newAddress())).statusCode).toBe(401);
  });
});

describe("what the address limit counts against", () => {
  it("is the IPv4 address, also written IPv4-mapped, and an IPv6 address's /64 network", () => {
    expect(addressSubject("203.0.113.7")).toBe("203.0.113.7");
    expect(addressSubject("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressSubject("2001:db8:a:b:1:2:3:4")).toBe("2001:0db8:000a:000b::/64");
    expect(addressSubject("2001:DB8:A:B::99")).toBe("2001:0db8:000a:000b::/64");
    expect(addressSubject("2001:db8::1")).toBe("2001:0db8:0000:0000::/64");
    expect(addressSubject("::1")).toBe("0000:0000:0000:0000::/64");
    expect(addressSubject("fe80::1%eth0")).toBe("fe80:0000:0000:0000::/64");
  });

  it("is not limited with LOGIN_IP_LIMIT=0", () => {
    expect(addressLockedUntil([3, 2, 1], 0)).toBeNull();
    expect(addressLockedUntil([3, 2, 1], 3)).toBe(1 + 15 * 60_000);
    expect(addressLockedUntil([3, 2], 3)).toBeNull();
  });
});
