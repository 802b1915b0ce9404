import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 256 random bits, URL-safe. Used for session tokens, CSRF tokens and API keys. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString("base64url");

/** High-entropy secrets are stored as SHA-256 digests: a slow hash adds nothing against 256 random bits. */
export const sha256 = (value: string): string => createHash("sha256").update(value).digest("hex");

export const safeEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export const API_KEY_PREFIX = "rk_";
export const newApiKey = (): string => `${API_KEY_PREFIX}${randomToken(32)}`;
