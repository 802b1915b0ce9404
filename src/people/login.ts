import type { FastifyBaseLogger } from "fastify";
import { deleteSessionByTokenHash, insertSession } from "../auth/repository.js";
import { findUserForLogin } from "./users-repository.js";
import { randomToken, sha256 } from "../auth/tokens.js";
import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import { reserveSignIn, settleSuccess } from "./login-throttle.js";
import { dummyPasswordHash, verifyPassword } from "./passwords.js";

export { hashPassword } from "./passwords.js";

interface LoginResult {
  token: string;
  csrfToken: string;
  userId: number;
  expiresAt: string;
}

interface LoginOptions {
  now: Date;
  ttlHours: number;
  /** the client's address as the server sees it (req.ip), for the per-address throttle */
  clientAddress: string;
  /** LOGIN_IP_LIMIT */
  addressLimit: number;
  log: FastifyBaseLogger;
}

export async function login(
  db: Db,
  input: { institution: string; user_id: string; password: string },
  options: LoginOptions,
): Promise<LoginResult> {
  const { now, ttlHours } = options;
  // Throttled attempts stop here, before the password is looked at.
  const reservation = await reserveSignIn(
    db,
    { institution: input.institution, userId: input.user_id, clientAddress: options.clientAddress },
    { now, addressLimit: options.addressLimit, log: options.log },
  );
  const user = await findUserForLogin(db, input.institution, input.user_id);
  // An unknown user, or one without a password, is checked against a dummy hash of the same
  // cost, so the answer takes as long and timing does not reveal which user ids exist.
  const ok = user?.password_hash
    ? await verifyPassword(user.password_hash, input.password)
    : (await verifyPassword(await dummyPasswordHash(), input.password), false);
  // A failure stays recorded as the reservation made it.
  if (!user || !ok || user.status !== "ACTIVE") throw new AppError("INVALID_CREDENTIALS");
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000).toISOString();
  await db.transaction().execute(async (tx) => {
    await settleSuccess(tx, reservation);
    await insertSession(tx, {
      institution_id: user.institution_id,
      user_id: user.id,
      token_hash: sha256(token),
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: expiresAt,
    });
  });
  return { token, csrfToken, userId: user.id, expiresAt };
}

export async function logout(db: Db, token: string): Promise<void> {
  await deleteSessionByTokenHash(db, sha256(token));
}
