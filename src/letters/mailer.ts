import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import type { Config } from "../config.js";
import { PermanentDeliveryError } from "../outbox/outbox.js";

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** stable across tries, so a receiving system can recognise a repeat */
  messageId: string;
  attachments?: { filename: string; contentType: string; content: () => Promise<Readable> }[];
}

export interface SentMail {
  transport: "smtp" | "eml";
  /** the file written when no SMTP server is configured */
  emlName: string | null;
}

type MailConfig = Pick<Config, "smtpUrl" | "mailFrom" | "mailDir" | "publicUrl">;

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
 */
export async function sendMail(
  config: MailConfig,
  institutionId: number,
  mail: OutgoingMail,
  emlKey: string,
): Promise<SentMail> {
  const message = await build(mail, config.mailFrom);
  // nodemailer is loaded with the first letter, not with the app (a faster start).
  const { default: nodemailer } = await import("nodemailer");
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
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
      transport.close();
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
