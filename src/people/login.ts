import type { FastifyBaseLogger } from "fastify";
import { deleteSessionByTokenHash } from "../auth/repository.js";
import { findUserForLogin } from "./users-repository.js";
import { sha256 } from "../auth/tokens.js";
import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import { reserveSignIn, settleSuccess } from "./login-throttle.js";
import { dummyPasswordHash, verifyPassword } from "./passwords.js";
import { grantsOfUser } from "./role-assignments-repository.js";
import { openSession, type OpenedSession } from "./sessions.js";

export { hashPassword } from "./passwords.js";

type LoginResult = OpenedSession;

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
  // Said only to whoever knows the password, so it reveals nothing about which accounts exist.
  // Staff (anyone with a role) keep their passwords; patrons use the identity providers.
  if (user.patron_local_passwords !== 1 && (await grantsOfUser(db, user.id)).length === 0) {
    throw new AppError("PASSWORD_SIGN_IN_OFF");
  }
  return db.transaction().execute(async (tx) => {
    await settleSuccess(tx, reservation);
    return openSession(tx, user, { now, ttlHours });
  });
}

/** Ends the browser session; answers the identity provider it came through, if any, to sign out there too. */
export async function logout(db: Db, token: string) {
  return deleteSessionByTokenHash(db, sha256(token));
}
