import { hash, verify, type Algorithm } from "@node-rs/argon2";

/**
 * Passwords are stored as argon2id PHC strings (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`). The
 * binding ships its native code prebuilt inside the registry package, so installing compiles
 * nothing. The cost is the one the earlier binding (the `argon2` package) used by default:
 * hashes made before and after the change cost the same to check, and to attack.
 */
export const PASSWORD_HASH_OPTIONS = {
  // The binding's Algorithm is a const enum, which isolated modules cannot read: 2 is Argon2id.
  algorithm: 2 as Algorithm,
  memoryCost: 65_536, // KiB (64 MiB)
  timeCost: 3,
  parallelism: 4,
  outputLen: 32,
};

export const hashPassword = (password: string): Promise<string> => hash(password, PASSWORD_HASH_OPTIONS);

/** Checks with the algorithm and cost the stored string names, so older hashes keep verifying. */
export const verifyPassword = (passwordHash: string, password: string): Promise<boolean> =>
  verify(passwordHash, password);

// Verifying against a fixed hash when the user is unknown (or has no password) keeps the answer
// time the same, so timing does not reveal which user ids exist. It is made like every other hash.
let dummyHash: Promise<string> | null = null;
export const dummyPasswordHash = (): Promise<string> => (dummyHash ??= hashPassword("recto-dummy-password"));
