import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { createRequire } from "node:module";
import type { Transporter } from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool/index.js";
import type SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import type { Config } from "../config.js";
import { PermanentDeliveryError } from "../outbox/outbox.js";

// nodemailer is loaded with the first letter, not with the app (a faster start); synchronously,
// because the worker's pool is created when the worker starts.
const requireModule = createRequire(import.meta.url);
const nodemailer = {
  createTransport: (...args: Parameters<typeof import("nodemailer").createTransport>) =>
    (requireModule("nodemailer") as typeof import("nodemailer")).createTransport(...args),
};

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** stable across tries, so a receiving system can recognise a repeat */
  messageId: string;
  attachments?: { filename: string; contentType: string; content: () => Promise<Readable> }[];
}

interface SentMail {
  transport: "smtp" | "eml";
  /** the file written when no SMTP server is configured */
  emlName: string | null;
}

type MailConfig = Pick<Config, "smtpUrl" | "smtpTimeoutMs" | "smtpPoolSize" | "mailFrom" | "mailDir" | "publicUrl">;

/**
 * The SMTP connection pool a worker keeps for its life: up to SMTP_POOL_SIZE connections, each
 * reused for up to MAX_MESSAGES_PER_CONNECTION letters, opened on the first letter to a server
 * and closed by close() when the worker stops. Without one, sendMail opens a connection per
 * letter (the API's test letter).
 */
export interface Mailer {
  /** the pooled transport for the configured SMTP server */
  transportFor(config: MailConfig): Transporter;
  /** closes every pooled connection; a letter being sent finishes first */
  close(): void;
}

/** A fresh connection now and then, so a server's per-connection limits are never reached. */
const MAX_MESSAGES_PER_CONNECTION = 100;

/**
 * Every SMTP conversation is bounded: connecting (DNS included), the greeting, and every later
 * wait for the server (socket inactivity) each give up after SMTP_TIMEOUT_SECS, so a server
 * that accepts and never answers costs one try of one letter that long, not the worker.
 */
function smtpOptions(config: MailConfig, pooled: boolean): SMTPPool.Options | SMTPTransport.Options {
  const limits = {
    url: config.smtpUrl!,
    connectionTimeout: config.smtpTimeoutMs,
    greetingTimeout: config.smtpTimeoutMs,
    socketTimeout: config.smtpTimeoutMs,
    dnsTimeout: config.smtpTimeoutMs,
  };
  return pooled
    ? { ...limits, pool: true, maxConnections: config.smtpPoolSize, maxMessages: MAX_MESSAGES_PER_CONNECTION }
    : limits;
}

/** A Mailer whose pools are opened lazily (one per SMTP URL) and closed together. */
export function createMailer(): Mailer {
  const pools = new Map<string, Transporter>();
  return {
    transportFor(config) {
      const key = `${config.smtpUrl}|${config.smtpTimeoutMs}|${config.smtpPoolSize}`;
      let transport = pools.get(key);
      if (!transport) {
        transport = nodemailer.createTransport(smtpOptions(config, true));
        pools.set(key, transport);
      }
      return transport;
    },
    close() {
      for (const transport of pools.values()) transport.close();
      pools.clear();
    },
  };
}

/** A Message-ID that names the message for good: the same outbox row always gets the same one. */
export function stableMessageId(config: Pick<Config, "publicUrl">, key: string): string {
  const host = new URL(config.publicUrl).hostname || "localhost";
  return `<${key}@recto.${host}>`;
}

/** An .eml file's name inside the institution's mail folder; only letters, digits, '-', '_' and '.'. */
export const emlFileName = (key: string): string => `${key.replace(/[^A-Za-z0-9_.-]/g, "_")}.eml`;

export const emlPath = (config: Pick<Config, "mailDir">, institutionId: number, name: string): string =>
  path.join(config.mailDir, String(institutionId), path.basename(name));

/** SMTP replies in the 5xx range (bad address, refused) will not get better by waiting. */
function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

async function build(mail: OutgoingMail, from: string) {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    messageId: mail.messageId,
    attachments: await Promise.all(
      (mail.attachments ?? []).map(async (a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: await a.content(),
      })),
    ),
  };
}

/**
 * Sends one email: over SMTP when SMTP_URL is set, otherwise written as an .eml file under
 * mailDir/<institution>/ (so the demo and a fresh install work with no mail server). The file
 * is written under a temporary name and renamed, so a half-written letter is never listed.
 * With a mailer (the worker's) the letter goes over its pooled connections; without, over a
 * connection of its own, closed afterwards.
 */
export async function sendMail(
  config: MailConfig,
  institutionId: number,
  mail: OutgoingMail,
  emlKey: string,
  mailer?: Mailer,
): Promise<SentMail> {
  const message = await build(mail, config.mailFrom);
  if (config.smtpUrl) {
    const transport = mailer ? mailer.transportFor(config) : nodemailer.createTransport(smtpOptions(config, false));
    try {
      await transport.sendMail(message);
    } catch (err) {
      if (isPermanent(err)) {
        throw new PermanentDeliveryError(`The mail server refused the letter: ${(err as Error).message}`, {
          cause: err,
        });
      }
      throw err;
    } finally {
      if (!mailer) transport.close();
    }
    return { transport: "smtp", emlName: null };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const info = await transport.sendMail(message);
  const name = emlFileName(emlKey);
  const target = emlPath(config, institutionId, name);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  await fs.promises.writeFile(tmp, info.message as Buffer);
  await fs.promises.rename(tmp, target);
  return { transport: "eml", emlName: name };
}
