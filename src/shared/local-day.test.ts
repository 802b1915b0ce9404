import { describe, expect, it } from "vitest";
import { nextDay, startOfDayIn } from "./local-day.js";

describe("a calendar day in a time zone", () => {
  it.each([
    ["2026-01-05", "UTC", "2026-01-05T00:00:00.000Z"],
    // far east and far west of UTC: the day starts the evening before, or the morning of, in UTC
    ["2026-06-01", "Pacific/Kiritimati", "2026-05-31T10:00:00.000Z"],
    ["2026-06-01", "Pacific/Pago_Pago", "2026-06-01T11:00:00.000Z"],
    ["2026-06-01", "Asia/Kolkata", "2026-05-31T18:30:00.000Z"],
    // the days the clocks change: the offset is the one in force at midnight
    ["2026-03-08", "America/New_York", "2026-03-08T05:00:00.000Z"],
    ["2026-03-09", "America/New_York", "2026-03-09T04:00:00.000Z"],
    ["2026-04-05", "Pacific/Auckland", "2026-04-04T11:00:00.000Z"],
    // Chile springs forward at midnight: 6 September starts at 01:00, -03
    ["2026-09-06", "America/Santiago", "2026-09-06T04:00:00.000Z"],
  ])("%s in %s starts at %s", (day, zone, instant) => {
    expect(startOfDayIn(day, zone)).toBe(instant);
  });

  it("counts the days across months and leap years", () => {
    expect([nextDay("2026-12-31"), nextDay("2028-02-28"), nextDay("2026-02-28")]).toEqual([
      "2027-01-01",
      "2028-02-29",
      "2026-03-01",
    ]);
  });
});
