import { resolveHandlingPlace } from "../organisation/handling-place.js";
import { fixes } from "./addresses.js";
import type { ReadinessFacts } from "./facts.js";
import { check, problem, subject, type CheckResult, type Problem } from "./model.js";

/**
 * The checks of the places where the work happens (setup guide steps 2 and 11): a place serves
 * every library with digitizable items, each place has its work time, a printer where slips are
 * printed, and operators.
 */

type Facts = Pick<
  ReadinessFacts,
  | "libraries"
  | "itemPlaces"
  | "unitTerms"
  | "digitizableTerms"
  | "placeCandidates"
  | "departments"
  | "desks"
  | "placeGrants"
  | "letters"
  | "rules"
>;

/**
 * A location's items are digitizable when no fulfillment unit restricts the location, or when
 * its unit's Request rules can give a terms of use that allows digitization.
 */
const digitizableAt = (f: Facts, unitId: number | null): boolean =>
  unitId === null || (f.unitTerms.get(unitId) ?? []).some((code) => f.digitizableTerms.has(code));

export function librariesServed(f: Facts): CheckResult {
  const problems: Problem[] = [];
  if (f.libraries.length === 0) {
    problems.push(
      problem(
        "no_libraries",
        subject("institution"),
        "The institution has no library yet: add the libraries whose items patrons may ask to have scanned.",
        fixes.libraries(),
      ),
    );
  }
  const withDigitizable = new Map<number, { id: number; code: string; name: string }>();
  for (const p of f.itemPlaces) {
    if (digitizableAt(f, p.unit_id))
      withDigitizable.set(p.library_id, { id: p.library_id, code: p.library_code, name: p.library_name });
  }
  if (f.libraries.length > 0 && withDigitizable.size === 0) {
    problems.push(
      problem(
        "no_digitizable_items",
        subject("institution"),
        "No library has items that may be digitized yet: import the catalogue, or check the terms of use.",
        fixes.catalogue(),
        { severity: "warn" },
      ),
    );
  }
  for (const lib of withDigitizable.values()) {
    if (resolveHandlingPlace(lib.id, f.placeCandidates).place) continue;
    problems.push(
      problem(
        "library_unserved",
        subject("library", lib),
        `Library ${lib.code} has items that may be digitized, but no digitization department or digitization desk serves it.`,
        fixes.departments(),
      ),
    );
  }
  return check(
    "libraries_served",
    2,
    "A place serves every library with digitizable items",
    fixes.departments(),
    problems,
  );
}

export function workTimesSet(f: Facts): CheckResult {
  const set = (days: number | null) => days !== null && Number.isInteger(days) && days >= 1;
  const problems = [
    ...f.departments
      .filter((d) => !set(d.work_time_days))
      .map((d) =>
        problem(
          "no_work_time",
          subject("department", d),
          `Department ${d.code} has no work time: unfilled requests would never expire.`,
          fixes.department(d, "work-time"),
        ),
      ),
    ...f.desks
      .filter((k) => k.supports_digitization === 1 && !set(k.work_time_days))
      .map((k) =>
        problem(
          "no_work_time",
          subject("desk", k),
          `Desk ${k.code} supports digitization but has no work time: unfilled requests would never expire.`,
          fixes.desk(k, "work-time"),
        ),
      ),
  ];
  return check("work_times_set", 2, "Every place has a work time", fixes.departments(), problems);
}

/** Departments that can be given requests: they serve a library, or a digitization rule names them. */
function workingDepartments(f: Facts) {
  const named = new Set(
    [f.rules.digitization.defaultOutput, ...f.rules.digitization.rules.filter((r) => r.enabled).map((r) => r.output)]
      .map((o) => (o as { target_destination?: string | null } | null)?.target_destination)
      .filter((c): c is string => !!c),
  );
  return f.departments.filter(
    (d) =>
      d.owner_level === "library" ||
      d.serves_all_libraries === 1 ||
      d.served_library_ids.length > 0 ||
      named.has(d.code),
  );
}

export function placesHavePrinters(f: Facts): CheckResult {
  // Pick slips print only while their letter is enabled; desks have no printer of their own.
  const printing = f.letters.get("resource_request_slip") === true;
  const problems = printing
    ? workingDepartments(f)
        .filter((d) => d.default_printer_id === null)
        .map((d) =>
          problem(
            "no_printer",
            subject("department", d),
            `Department ${d.code} prints a pick slip for each request but has no default printer.`,
            fixes.department(d, "printer"),
          ),
        )
    : [];
  return check(
    "places_have_printers",
    2,
    "Every department that prints pick slips has a printer",
    fixes.printers(),
    problems,
  );
}

export function placesHaveOperators(f: Facts): CheckResult {
  const staffed = (type: "department" | "desk", id: number) =>
    f.placeGrants.some((g) => g.role === "WORK_ORDER_OPERATOR" && g.scope_type === type && g.scope_id === id);
  const problems = [
    ...f.departments
      .filter((d) => !staffed("department", d.id))
      .map((d) =>
        problem(
          "no_operators",
          subject("department", d),
          `Department ${d.code} has no operator: nobody can scan, upload or deliver its requests.`,
          fixes.department(d, "operators"),
        ),
      ),
    ...f.desks
      .filter((k) => k.supports_digitization === 1 && !staffed("desk", k.id))
      .map((k) =>
        problem(
          "no_operators",
          subject("desk", k),
          `Desk ${k.code} supports digitization but has no Work Order Operator: nobody can do its requests’ work.`,
          fixes.desk(k, "operators"),
        ),
      ),
  ];
  return check("places_have_operators", 11, "Every place has operators", fixes.roles(), problems);
}
