import { createPublicKey, generateKeyPair, randomBytes, sign } from "node:crypto";
import { promisify } from "node:util";

/*
 * Recto's key pair for one SAML provider and the self-signed certificate that carries its public
 * key in the metadata. SAML federations use the certificate only as a key container (they trust
 * the metadata, not a CA), so it is a bare X.509 v1 certificate, encoded here in DER by hand:
 * Node makes keys but not certificates, and this is the whole of what is needed.
 */

/** RSA: the only key type every IdP encrypts to (RSA-OAEP key transport); 3072 bits, as Shibboleth's keygen. */
const RSA_BITS = 3072;
/** Federations do not enforce a metadata certificate's dates; a long life spares needless rollovers. */
const VALID_YEARS = 20;

const length = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const der = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const sequence = (...content: Buffer[]) => der(0x30, ...content);

const SHA256_WITH_RSA = sequence(Buffer.from("06092a864886f70d01010b", "hex"), Buffer.from("0500", "hex"));
const COMMON_NAME = Buffer.from("0603550403", "hex");

const name = (commonName: string) =>
  sequence(der(0x31, sequence(COMMON_NAME, der(0x0c, Buffer.from(commonName, "utf8")))));

/** UTCTime up to 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5). */
function time(at: Date): Buffer {
  const iso = at.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return at.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(`${iso.slice(2)}Z`)) : der(0x18, Buffer.from(`${iso}Z`));
}

const pem = (label: string, body: Buffer) =>
  `-----BEGIN ${label}-----\n${body.toString("base64").replace(/.{64}/g, "$&\n").trimEnd()}\n-----END ${label}-----\n`;

export interface SpKeyPair {
  /** PKCS#8 PEM */
  privateKey: string;
  /** X.509 PEM */
  certificate: string;
}

/** A new key pair, and its certificate named for what it serves (e.g. the SP's entity id), valid from `now`. */
export async function generateSpKeyPair(commonName: string, now: Date): Promise<SpKeyPair> {
  const { privateKey } = await promisify(generateKeyPair)("rsa", { modulusLength: RSA_BITS });
  const spki = createPublicKey(privateKey).export({ type: "spki", format: "der" });
  // A positive serial of 16 random bytes: the high bit cleared keeps the INTEGER positive, and the
  // next one set keeps its first byte from being zero, which DER forbids as padding (OpenSSL
  // refuses to read such a certificate).
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  const until = new Date(now);
  until.setUTCFullYear(until.getUTCFullYear() + VALID_YEARS);
  // A common name is at most 64 characters (RFC 5280 ub-common-name).
  const subject = name(commonName.slice(0, 64));
  const tbs = sequence(der(0x02, serial), SHA256_WITH_RSA, subject, sequence(time(now), time(until)), subject, spki);
  const signature = sign("sha256", tbs, privateKey);
  const certificate = sequence(tbs, SHA256_WITH_RSA, der(0x03, Buffer.from([0]), signature));
  return {
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    certificate: pem("CERTIFICATE", certificate),
  };
}
