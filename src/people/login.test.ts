import { parseOptions } from "@node-rs/argon2";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { makeInstitution, makeUser, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { hashPassword } from "./passwords.js";

// Every password check the app makes, recorded (the real check still runs).
const checked = vi.hoisted(() => [] as string[]);
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...real,
    verify: (...args: Parameters<typeof real.verify>) => {
      checked.push(String(args[0]));
      return real.verify(...args);
    },
  };
});

const t = useTestApp();
const PASSWORD = "the right password, long enough";

let lastAddress = 0;
const signIn = async (institution: string, userId: string, password: string) => {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { institution, user_id: userId, password },
    remoteAddress: `203.0.113.${++lastAddress}`,
  });
  return { status: res.statusCode, code: res.json().code as string | undefined };
};

describe("sign-in checks one password hash of the same cost, whether or not the user exists", () => {
  let inst: InstitutionFixture;
  let passwordHash: string;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    passwordHash = await hashPassword(PASSWORD);
  });
  beforeEach(() => {
    checked.length = 0;
  });
  const costOf = (hash: string) => {
    const { saltLen: _salt, ...cost } = parseOptions(hash);
    return cost;
  };

  it("checks a known user's password against the user's own hash", async () => {
    const user = await makeUser(t.ctx, inst, { passwordHash });
    expect(await signIn(inst.code, user.primaryId, PASSWORD)).toEqual({ status: 200, code: undefined });
    expect(checked).toEqual([passwordHash]);
    checked.length = 0;
    expect(await signIn(inst.code, user.primaryId, "a wrong password")).toEqual({
      status: 401,
      code: "INVALID_CREDENTIALS",
    });
    expect(checked).toEqual([passwordHash]);
  });

  it.each([
    ["an unknown user id", async () => ({ institution: inst.code, userId: "nobody-here" })],
    ["an unknown institution", async () => ({ institution: "NO-SUCH-INST", userId: "nobody-here" })],
    [
      "a user without a password",
      async () => ({ institution: inst.code, userId: (await makeUser(t.ctx, inst)).primaryId }),
    ],
  ])("still checks one dummy hash of the same cost for %s, and answers as for a wrong password", async (_, who) => {
    const { institution, userId } = await who();
    checked.length = 0;
    expect(await signIn(institution, userId, PASSWORD)).toEqual({ status: 401, code: "INVALID_CREDENTIALS" });
    expect(checked).toHaveLength(1);
    expect(checked[0]).not.toBe(passwordHash);
    expect(costOf(checked[0]!)).toEqual(costOf(passwordHash));
  });
});
