/*
 * Calendar days in a time zone, as the instants they start at. Pure. A day filter ("placed from
 * 3 March to 5 March") means the institution's days, not UTC's: in Pacific/Auckland the 3rd
 * starts at 11:00 UTC on the 2nd.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: number, timeZone: string): number {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formats.set(timeZone, f);
  }
  const part = Object.fromEntries(f.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  return Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
const offsetAt = (instant: number, timeZone: string) =>
  wallClock(instant, timeZone) - Math.floor(instant / 1000) * 1000;

/**
 * The first instant of `day` (YYYY-MM-DD) in `timeZone`, as ISO UTC. Where the clocks skip
 * midnight (a spring-forward at 00:00), the day starts at the first minute it has.
 */
export function startOfDayIn(day: string, timeZone: string): string {
  const midnight = Date.parse(`${day}T00:00:00Z`);
  // The offset at local midnight is that of the instant found: two steps settle it across a change.
  let instant = midnight - offsetAt(midnight, timeZone);
  instant = midnight - offsetAt(instant, timeZone);
  // A skipped midnight lands on the evening before: move forward to the day's first wall-clock minute.
  while (wallClock(instant, timeZone) < midnight) instant += 60_000;
  return new Date(instant).toISOString();
}

/** The day after `day`, both YYYY-MM-DD. */
export const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
