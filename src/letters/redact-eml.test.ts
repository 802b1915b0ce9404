import { describe, expect, it } from "vitest";
import { simpleParser } from "mailparser";
import { redactEml, WITHHELD } from "./redact-eml.js";

const TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde"; // 43 characters
const OTHER = "Zy".repeat(21) + "Q";
const marker = "[download link sent: 3 views, expires 2026-03-09]";

/** A letter with a QP text part (the token split by a soft line break) and a base64 HTML part. */
function letter(token = TOKEN, other = OTHER): Buffer {
  const text = `Bonjour,\n\nT=C3=A9l=C3=A9chargez : http://x/api/v1/downloads/${token.slice(0, 20)}=\n${token.slice(20)}\nAutre : http://x/api/v1/downloads/${other}\n`;
  const html = Buffer.from(`<p>Vous pouvez <a href="http://x/api/v1/downloads/${token}">télécharger</a></p>`).toString(
    "base64",
  );
  return Buffer.from(
    [
      "From: Recto <recto@localhost>",
      "Subject: =?UTF-8?Q?Votre_copie?=",
      "MIME-Version: 1.0",
      'Content-Type: multipart/alternative; boundary="--_b1"',
      "",
      "----_b1",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      text,
      "----_b1",
      "Content-Type: text/html; charset=utf-8",
      "Content-Transfer-Encoding: base64",
      "",
      html,
      "----_b1--",
      "",
    ].join("\n"),
    "latin1",
  );
}

describe("redactEml", () => {
  it("replaces link tokens in quoted-printable and base64 parts, keeping the rest of the letter", async () => {
    const out = redactEml(letter(), [{ token: TOKEN, marker }]);
    const raw = out.toString("latin1");
    expect(raw.replace(/=\r?\n/g, "")).not.toContain(TOKEN);
    const mail = await simpleParser(out);
    expect(mail.subject).toBe("Votre copie");
    expect(mail.text).toContain(`Téléchargez : http://x/api/v1/downloads/${marker}`);
    // A token this letter's rows do not name is withheld all the same.
    expect(mail.text).toContain(`Autre : http://x/api/v1/downloads/${WITHHELD}`);
    expect(mail.text).not.toContain(OTHER);
    expect(String(mail.html)).toContain(`href="http://x/api/v1/downloads/${marker}"`);
    expect(String(mail.html)).toContain("télécharger");
    expect(String(mail.html)).not.toContain(TOKEN);
  });

  it("leaves a letter without links byte for byte as it was", () => {
    const plain = Buffer.from("Subject: Hi\nContent-Type: text/plain\n\nNo link here, caf\xe9.\n", "latin1");
    expect(redactEml(plain, [{ token: TOKEN, marker }]).equals(plain)).toBe(true);
    const noTokens = letter("not-a-token", "short");
    expect(redactEml(noTokens, [{ token: TOKEN, marker }]).equals(noTokens)).toBe(true);
  });
});
