import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

/*
 * Secrets kept in the database (SAML private keys, OpenID client secrets) are stored sealed:
 * AES-256-GCM under the server's secrets key, as
 *
 *   rs1:<key id>:<iv>:<ciphertext>:<tag>        (base64url parts)
 *
 * `rs1` is the format, so that another can come later; the key id (16 hex digits of an HMAC of
 * the key, which says nothing about the key itself) names the key that sealed the value, so that
 * a server started with another key says so at once instead of failing at the next sign-in, and
 * so that rotating the key can tell which rows it has re-sealed. GCM authenticates: a value
 * changed in the database, or sealed for another purpose (the additional data), does not open.
 */

const FORMAT = "rs1";
const SEALED = /^rs1:([0-9a-f]{16}):([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]*):([A-Za-z0-9_-]{22})$/;

/** What a sealed value is for: bound into it, so that one cannot be moved to stand for another. */
export type SecretPurpose = "saml-sp-private-key" | "oidc-client-secret";

export class SecretNotOpened extends Error {}

export interface SecretBox {
  /** the key's id, as sealed values name it */
  readonly keyId: string;
  seal(plain: string, purpose: SecretPurpose): string;
  /** the clear value; throws SecretNotOpened when it is not sealed, or not by this key, or was changed */
  open(sealed: string, purpose: SecretPurpose): string;
}

export const secretsKeyId = (key: Buffer): string =>
  createHmac("sha256", key).update("recto secrets key id").digest("hex").slice(0, 16);

/** Whether a stored value is sealed, and by which key (null: stored in clear). */
export function sealedBy(stored: string): string | null {
  return SEALED.exec(stored)?.[1] ?? null;
}

export function secretBoxOf(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error("a secrets key is 32 bytes");
  const keyId = secretsKeyId(key);
  return {
    keyId,
    seal(plain, purpose) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(purpose));
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      const parts = [iv, body, cipher.getAuthTag()].map((b) => b.toString("base64url"));
      return [FORMAT, keyId, ...parts].join(":");
    },
    open(sealed, purpose) {
      const m = SEALED.exec(sealed);
      if (!m) throw new SecretNotOpened("the stored value is not sealed");
      const [, by, iv, body, tag] = m as unknown as [string, string, string, string, string];
      if (by !== keyId) throw new SecretNotOpened(`sealed with key ${by}, not with key ${keyId}`);
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAAD(Buffer.from(purpose));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
      } catch {
        throw new SecretNotOpened(`the value sealed with key ${keyId} was changed or is not a ${purpose}`);
      }
    },
  };
}
