import { z } from "zod";

/** Field schemas shared by the organisation routes and the create-institution command. */

/** Days after which an unfilled request expires; capped so that due dates stay within reach. */
export const workTimeDays = z
  .number()
  .int("must be a whole number of days")
  .min(1, "must be at least 1 day")
  .max(3650, "must be at most 3650 days");

export const emailField = z.email({ error: "must be a valid email address" }).max(254);

/** Offsets such as "+01:00" are accepted by newer Intl versions but are not IANA zones. */
const zoneShape = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

function resolveTimeZone(zone: string): string | null {
  if (!zoneShape.test(zone)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const isTimeZone = (zone: string): boolean => resolveTimeZone(zone) !== null;

/**
 * Intl matches zone names case-insensitively; the stored name gets the canonical spelling
 * ("europe/paris" -> "Europe/Paris"), while a valid alias ("US/Eastern") is kept as given.
 */
export const timeZoneField = z
  .string()
  .trim()
  .refine(isTimeZone, "must be an IANA time zone such as Europe/Paris or UTC")
  .overwrite((zone) => {
    const resolved = resolveTimeZone(zone);
    return resolved && resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
  });

export const languageField = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}$/, "must be a 2 or 3 letter language code such as en or fra")
  .overwrite((code) => code.toLowerCase());
