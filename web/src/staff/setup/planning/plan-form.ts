import type { paths } from "../../../shared/api/schema";

/** The planning answers as the page holds them: what was typed, numbers still as text. */
export type PlanBody = NonNullable<paths["/api/v1/setup/plan"]["post"]["requestBody"]>["content"]["application/json"];
export type PlanAnswer = paths["/api/v1/setup/plan"]["post"]["responses"]["200"]["content"]["application/json"];
export type PlanChange = PlanAnswer["changes"][number];
export type Place = PlanBody["place"];
export type Mode = NonNullable<PlanBody["approval_mode"]>;

export interface LibraryRow {
  code: string;
  name: string;
  deskCode: string;
  deskName: string;
}
export interface GroupRow {
  code: string;
  name: string;
  mayRequest: boolean;
  max: string;
}
export interface StaffRow {
  userId: string;
  scans: boolean;
  approves: boolean;
  requestsForPatrons: boolean;
  picks: boolean;
}

export interface PlanForm {
  place: Place;
  workTime: string;
  libraries: LibraryRow[];
  printer: { code: string; name: string; email: string };
  approval: boolean;
  copyright: boolean;
  mode: Mode | "";
  reason: string;
  delivery: "link" | "attachment";
  maxViews: string;
  linkExpiry: string;
  groups: GroupRow[];
  excluded: string[];
  staff: StaffRow[];
}

export const emptyLibrary = (): LibraryRow => ({ code: "", name: "", deskCode: "", deskName: "" });
export const emptyGroup = (): GroupRow => ({ code: "", name: "", mayRequest: true, max: "" });
export const emptyStaff = (userId = ""): StaffRow => ({
  userId,
  scans: true,
  approves: false,
  requestsForPatrons: false,
  picks: false,
});

/** A first draft from what the institution already has, so nothing known is typed twice. */
export function initialForm(existing: {
  libraries: { code: string; name: string }[];
  printers: { code: string; name: string; email: string | null }[];
  groups: { code: string; name: string; max_digitization_requests: number | null }[];
  me: number | null;
}): PlanForm {
  const printer = existing.printers[0];
  return {
    place: "institution_department",
    workTime: "14",
    libraries: existing.libraries.length
      ? existing.libraries.map((l) => ({ ...emptyLibrary(), code: l.code, name: l.name }))
      : [emptyLibrary()],
    printer: printer
      ? { code: printer.code, name: printer.name, email: printer.email ?? "" }
      : { code: "SLIPS", name: "", email: "" },
    approval: false,
    copyright: false,
    mode: "",
    reason: "",
    delivery: "link",
    maxViews: "5",
    linkExpiry: "14",
    groups: existing.groups.length
      ? existing.groups.map((g) => ({
          code: g.code,
          name: g.name,
          mayRequest: g.max_digitization_requests !== 0,
          max: g.max_digitization_requests ? String(g.max_digitization_requests) : "",
        }))
      : [emptyGroup()],
    excluded: [],
    staff: existing.me === null ? [] : [{ ...emptyStaff(String(existing.me)), approves: true, picks: true }],
  };
}

/** A whole number as a number; anything else as typed, so the server names the field it refuses. */
const num = (s: string): number => (/^\s*\d+\s*$/.test(s) ? Number(s) : (s as unknown as number));
const optionalNum = (s: string): number | null => (s.trim() === "" ? null : num(s));

export function toBody(f: PlanForm, dryRun: boolean): PlanBody {
  const approving = f.approval || f.copyright;
  return {
    dry_run: dryRun,
    place: f.place,
    work_time_days: num(f.workTime),
    libraries: f.libraries.map((l) => ({
      code: l.code,
      name: l.name,
      desk: f.place === "desks" && (l.deskCode || l.deskName) ? { code: l.deskCode, name: l.deskName } : null,
    })),
    printer: f.printer.code || f.printer.name ? { ...f.printer, email: f.printer.email.trim() || null } : null,
    approval_required: f.approval,
    copyright_clearance_required: f.copyright,
    approval_mode: approving && f.mode ? f.mode : null,
    approval_reason: approving && f.mode === "automatic" && f.reason ? f.reason : null,
    delivery: f.delivery,
    max_views: f.delivery === "link" ? optionalNum(f.maxViews) : null,
    link_expiry_days: f.delivery === "link" ? optionalNum(f.linkExpiry) : null,
    user_groups: f.groups.map((g) => ({
      code: g.code,
      name: g.name,
      may_request: g.mayRequest,
      max_requests: g.mayRequest ? optionalNum(g.max) : null,
    })),
    excluded_material_types: f.excluded as PlanBody["excluded_material_types"],
    staff: f.staff.map((s) => ({
      user_id: num(s.userId),
      scans: s.scans,
      approves: s.approves,
      requests_for_patrons: s.requestsForPatrons,
      picks: s.picks,
    })),
  };
}

/** The element a server field path is shown at: libraries.0.desk -> plan-libraries-0-desk-code. */
export function fieldId(path: string): string {
  const at = /^libraries\.\d+\.desk$/.test(path) ? `${path}.code` : path === "printer" ? "printer.code" : path;
  return `plan-${at.replace(/\./g, "-")}`;
}
