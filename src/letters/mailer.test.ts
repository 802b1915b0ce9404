import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSilentSmtp, startTestSmtp, type SilentSmtp, type TestSmtp } from "../../test/smtp.js";
import { ConfigError, loadConfig } from "../config.js";
import { createMailer, sendMail, stableMessageId } from "./mailer.js";

describe("SMTP settings", () => {
  it("defaults to 10 s timeouts and a pool of 4 connections", () => {
    expect(loadConfig({})).toMatchObject({ smtpTimeoutMs: 10_000, smtpPoolSize: 4 });
    expect(loadConfig({ SMTP_TIMEOUT_SECS: "2.5", SMTP_POOL_SIZE: "8" })).toMatchObject({
      smtpTimeoutMs: 2500,
      smtpPoolSize: 8,
    });
  });

  it.each([
    [{ SMTP_TIMEOUT_SECS: "ten" }, /SMTP_TIMEOUT_SECS: SMTP_TIMEOUT_SECS must be a number/],
    [{ SMTP_TIMEOUT_SECS: "0" }, /SMTP_TIMEOUT_SECS must be between 1 and 120/],
    [{ SMTP_TIMEOUT_SECS: "600" }, /SMTP_TIMEOUT_SECS must be between 1 and 120/],
    [{ SMTP_POOL_SIZE: "0" }, /SMTP_POOL_SIZE must be between 1 and 32/],
    [{ SMTP_POOL_SIZE: "2.5" }, /SMTP_POOL_SIZE must be a whole number/],
    [{ SMTP_POOL_SIZE: "100" }, /SMTP_POOL_SIZE must be between 1 and 32/],
  ])("refuses %o", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe("sendMail", () => {
  let silent: SilentSmtp;
  let smtp: TestSmtp;
  beforeAll(async () => {
    silent = await startSilentSmtp();
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await silent?.stop();
    await smtp?.stop();
  });
  // Short waits for the server that never answers; the working one gets the default, so that a
  // loaded machine does not fail a send.
  const config = (url: string, smtpTimeoutMs = 300) => ({
    ...loadConfig({ LOG_LEVEL: "silent" }),
    smtpUrl: url,
    smtpTimeoutMs,
  });
  const mail = (key: string) => ({
    to: "patron@example.edu",
    subject: "Hello",
    text: "Hello",
    html: "<p>Hello</p>",
    messageId: stableMessageId({ publicUrl: "http://localhost:3000" }, key),
  });

  it("gives up on a server that never answers after the SMTP timeout, with or without a pool", async () => {
    await expect(sendMail(config(silent.url), 1, mail("m-1"), "m-1")).rejects.toThrow(/greeting|timeout/i);
    const mailer = createMailer();
    try {
      await expect(sendMail(config(silent.url), 1, mail("m-2"), "m-2", mailer)).rejects.toThrow(/greeting|timeout/i);
    } finally {
      mailer.close();
    }
  });

  it("reuses the pool's connections for every letter until closed", async () => {
    const mailer = createMailer();
    const c = config(smtp.url, 10_000);
    expect(mailer.transportFor(c)).toBe(mailer.transportFor(c));
    const before = smtp.connections.opened;
    for (let i = 0; i < 5; i++) await sendMail(c, 1, mail(`p-${i}`), `p-${i}`, mailer);
    expect(smtp.connections.opened - before).toBe(1);
    mailer.close();
    expect(smtp.received.map((m) => m.messageId).filter((id) => id?.startsWith("<p-"))).toHaveLength(5);
  });
});
