import { isIP } from "node:net";
import type { FastifyBaseLogger } from "fastify";
import { sha256 } from "../auth/tokens.js";
import type { Db, Tx } from "../db/database.js";
import { AppError } from "../errors.js";
import * as repo from "./login-throttle-repository.js";

/*
 * Sign-in throttling. Every sign-in first records itself as a failure, per account and per client
 * address, in the database (so the count holds across server processes and restarts); a successful
 * one takes its records back. While an account or an address is throttled, the sign-in is refused
 * with 429 before the password is looked at, and nothing is recorded.
 */

/**
 * Per account (the institution code and user id typed, whether or not they exist, so the answer
 * never tells which ids exist). Five tries cover a person's typos and a forgotten caps lock; after
 * that each failure locks the account for a minute, doubling with every further failure (a guesser
 * gets about four tries an hour), up to 15 minutes so that someone locking a colleague out on
 * purpose locks them out for no longer. The failures count as one run until 15 quiet minutes
 * follow the end of a lock, or the user signs in.
 */
const ACCOUNT_THROTTLE = {
  failuresBeforeLock: 5,
  firstLockMs: 60_000,
  maxLockMs: 15 * 60_000,
  quietMs: 15 * 60_000,
};

/** The window for the per-address limit (LOGIN_IP_LIMIT failures in it). */
const ADDRESS_WINDOW_MS = 15 * 60_000;

/** Failures older than this are deleted as new ones are written; a day leaves a night's attack to look at. */
const KEEP_FAILURES_MS = 24 * 3_600_000;

// At most this many of an account's failures are read: the lock stops growing long before.
const MAX_ACCOUNT_ROWS = 200;

const lockMs = (failures: number): number =>
  failures < ACCOUNT_THROTTLE.failuresBeforeLock
    ? 0
    : Math.min(
        ACCOUNT_THROTTLE.firstLockMs * 2 ** (failures - ACCOUNT_THROTTLE.failuresBeforeLock),
        ACCOUNT_THROTTLE.maxLockMs,
      );

/** Until when (epoch ms) an account with these failures (oldest first) is locked; null if it is not. */
function accountLockedUntil(failureTimes: number[]): number | null {
  let run = 0;
  let last = 0;
  for (const at of failureTimes) {
    if (run > 0 && at - (last + lockMs(run)) > ACCOUNT_THROTTLE.quietMs) run = 0;
    run += 1;
    last = at;
  }
  return run >= ACCOUNT_THROTTLE.failuresBeforeLock ? last + lockMs(run) : null;
}

/** Until when an address with these failures in the window (most recent first) is refused; null if it is not. */
export function addressLockedUntil(recentFirst: number[], limit: number): number | null {
  if (limit <= 0 || recentFirst.length < limit) return null;
  // When the limit-th most recent failure leaves the window, one fewer than the limit remain.
  return recentFirst[limit - 1]! + ADDRESS_WINDOW_MS;
}

function expandIpv6(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const part = (s: string | undefined) => (s ? s.split(":") : []);
  const h = part(head);
  const t = part(tail);
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t];
  return groups.map((g) => g.toLowerCase().padStart(4, "0"));
}

/**
 * What the per-address limit counts against: an IPv4 address (also when written IPv4-mapped), or
 * the /64 network of an IPv6 address, since one IPv6 client commonly holds a whole /64.
 */
export function addressSubject(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6 || address.includes(".")) return address;
  return `${expandIpv6(address.split("%")[0]!).slice(0, 4).join(":")}::/64`;
}

interface SignInAttempt {
  institution: string;
  userId: string;
  clientAddress: string;
}

/** The sign-in's provisional failure records, to take back when the password proves right. */
interface Reservation {
  accountSubject: string;
  addressFailureId: number;
}

const accountSubject = (a: SignInAttempt) => sha256(JSON.stringify([a.institution, a.userId]));

class Throttled extends Error {
  constructor(
    readonly limit: "account" | "address",
    readonly until: number,
  ) {
    super("throttled");
  }
}

const waitText = (seconds: number): string => {
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
};

/**
 * Records the attempt as a failure of its account and address, unless either is throttled: then
 * nothing is recorded, the refusal is logged once, and TOO_MANY_ATTEMPTS is thrown.
 */
export async function reserveSignIn(
  db: Db,
  attempt: SignInAttempt,
  options: { now: Date; addressLimit: number; log: FastifyBaseLogger },
): Promise<Reservation> {
  const now = options.now.getTime();
  const at = options.now.toISOString();
  const account = accountSubject(attempt);
  const address = addressSubject(attempt.clientAddress);
  try {
    return await db.transaction().execute(async (tx) => {
      await repo.lockSubjects(tx, [
        ["account", account],
        ["address", address],
      ]);
      const accountId = await repo.insertFailure(tx, "account", account, at);
      const addressId = await repo.insertFailure(tx, "address", address, at);
      const since = new Date(now - KEEP_FAILURES_MS).toISOString();
      const accountTimes = await repo.failureTimes(tx, "account", account, since, accountId, MAX_ACCOUNT_ROWS);
      const accountUntil = accountLockedUntil(accountTimes.map((t) => Date.parse(t)).reverse());
      const addressTimes =
        options.addressLimit > 0
          ? await repo.failureTimes(
              tx,
              "address",
              address,
              new Date(now - ADDRESS_WINDOW_MS).toISOString(),
              addressId,
              options.addressLimit,
            )
          : [];
      const addressUntil = addressLockedUntil(
        addressTimes.map((t) => Date.parse(t)),
        options.addressLimit,
      );
      const locks = [
        ["account", accountUntil],
        ["address", addressUntil],
      ] as const;
      const [limit, until] = locks.reduce((a, b) => ((b[1] ?? 0) > (a[1] ?? 0) ? b : a));
      // Throwing rolls the transaction back: a refused attempt is not a failure.
      if (until !== null && until > now) throw new Throttled(limit, until);
      await repo.deleteFailuresBefore(tx, since);
      return { accountSubject: account, addressFailureId: addressId };
    });
  } catch (err) {
    if (!(err instanceof Throttled)) throw err;
    const seconds = Math.max(1, Math.ceil((err.until - now) / 1000));
    options.log.warn(
      {
        institution: attempt.institution,
        user_id: attempt.userId,
        client_address: attempt.clientAddress,
        limit: err.limit,
        retry_after_seconds: seconds,
      },
      "sign-in throttled",
    );
    throw new AppError("TOO_MANY_ATTEMPTS", {
      message: `Too many failed sign-in attempts; try again in ${waitText(seconds)}.`,
      say: (m) => m.refusals.tooManyAttempts(Math.ceil(seconds / 60)),
      details: { retry_after_seconds: seconds },
      retryAfterSeconds: seconds,
    });
  }
}

/** The password was right: the account's failures are forgiven and this attempt is not one. */
export async function settleSuccess(tx: Tx, reservation: Reservation): Promise<void> {
  await repo.deleteSubjectFailures(tx, "account", reservation.accountSubject);
  await repo.deleteFailure(tx, reservation.addressFailureId);
}
