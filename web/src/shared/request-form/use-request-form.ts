import { useRef, useState, type FormEvent } from "react";
import { api, ApiError, unwrap, type FieldProblem } from "../api/client";
import type { paths } from "../api/schema";
import type { Problem } from "../components/ErrorSummary";
import { useI18n } from "../i18n";
import { comparePages, parsePage, parseRanges } from "./page-numbers";

/*
 * The request form's state and its way to the server, shared by the patron's form and the staff
 * placing for a patron: the same fields from the institution's form configuration, the same
 * checks before sending, the duplicate warning, and the server's refusals next to their fields.
 */

export type PlaceBody = paths["/api/v1/requests"]["post"]["requestBody"]["content"]["application/json"];
export type Placed = paths["/api/v1/requests"]["post"]["responses"][201]["content"]["application/json"];
export type PublicForm = paths["/api/v1/request-form"]["get"]["responses"][200]["content"]["application/json"];
export type FormField = PublicForm["fields"][number];
export type Title = paths["/api/v1/bibs/{mms_id}"]["get"]["responses"][200]["content"]["application/json"];
export type Duplicates =
  paths["/api/v1/requests/duplicate-check"]["post"]["responses"][200]["content"]["application/json"]["duplicates"];

/** Text fields of the form, and the address's query parameter that pre-fills each (OpenURL, links). */
export const TEXT_FIELDS: Record<string, string | null> = {
  chapter_or_article_title: "atitle",
  chapter_or_article_author: "aau",
  volume: "volume",
  issue: "issue",
  part: "part",
  date_of_publication: "date",
  comment: "comment",
  last_interest_date: null,
  doi: "doi",
  pmid: "pmid",
};
/** Fields that only make sense for part of an item. */
export const PART_ONLY = new Set([
  "required_pages_range",
  "chapter_or_article_title",
  "chapter_or_article_author",
  "full_chapter",
]);

export interface Range {
  key: number;
  from: string;
  to: string;
}

/** The element a server's field name points at, so its message sits next to the right box. */
export function elementFor(field: string): string | null {
  const range = /^required_pages_range(?:\.(\d+)(?:\.(from_page|to_page))?)?$/.exec(field);
  if (range) return `pages-${range[1] ?? 0}-${range[2] === "to_page" ? "to" : "from"}`;
  const box = /^custom_checkboxes\.(.+)$/.exec(field);
  if (box) return `cb-${box[1]}`;
  if (field === "item_id" || field === "description") return "f-description";
  if (field in TEXT_FIELDS || field === "full_chapter" || field === "copyrights_declaration_signed_by_patron")
    return `f-${field}`;
  return null;
}

/** A box a page adds to the form (the staff's course and place): its id, label, and the server fields it answers for. */
export interface ExtraField {
  id: string;
  label: string;
  /** the server's field names (or their first segment) that belong to this box */
  fields: string[];
}

export interface RequestFormOptions {
  form: PublicForm;
  title: Title;
  mmsId: string;
  /** the address's query: pre-fills the form (OpenURL, links) */
  prefill: URLSearchParams;
  /** what the page adds to the body (the patron placed for, the course, the place) */
  extraBody?(): Record<string, unknown>;
  /** the page's own boxes, checked before sending and named in the summary after the form's */
  extraFields?: ExtraField[];
  extraCheck?(): Record<string, string>;
  onPlaced(placed: Placed): Promise<void> | void;
}

export function useRequestForm(o: RequestFormOptions) {
  const { t } = useI18n();
  const m = t.requestForm;
  const q = o.prefill;
  const fields = o.form.fields;
  const has = (code: string) => fields.find((f) => f.code === code);
  const items = o.title.holdings.flatMap((h) => h.items);
  const described = items.filter((i) => i.description);

  // Everything typed lives here, so no error, refusal or dialog loses it.
  const [text, setText] = useState<Record<string, string>>(() => {
    const initial: Record<string, string> = {};
    for (const [code, param] of Object.entries(TEXT_FIELDS)) {
      const fromAddress = param ? q.get(param) : null;
      const byDefault = has(code)?.default_value;
      initial[code] = fromAddress ?? (typeof byDefault === "string" ? byDefault : "");
    }
    return initial;
  });
  const flagDefault = (code: string, otherwise: boolean) => {
    const v = has(code)?.default_value;
    return typeof v === "boolean" ? v : otherwise;
  };
  const [partial, setPartial] = useState(() => flagDefault("partial_digitization", true));
  const [fullChapter, setFullChapter] = useState(() => flagDefault("full_chapter", false));
  const [declared, setDeclared] = useState(() => flagDefault("copyrights_declaration_signed_by_patron", false));
  const [ticked, setTicked] = useState<Set<string>>(() => new Set());
  const nextKey = useRef(1);
  const [ranges, setRanges] = useState<Range[]>(() => {
    const given = parseRanges(q.get("pages")).map((r) => ({ ...r, key: nextKey.current++ }));
    return given.length ? given : [{ key: nextKey.current++, from: "", to: "" }];
  });
  const [itemId, setItemId] = useState<string>(() => {
    const asked = q.get("item");
    if (asked && items.some((i) => String(i.id) === asked)) return asked;
    const d = q.get("description")?.trim().toLowerCase();
    const match = d ? described.find((i) => i.description?.trim().toLowerCase() === d) : undefined;
    return match ? String(match.id) : "";
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [duplicates, setDuplicates] = useState<Duplicates | null>(null);
  const submitRef = useRef<HTMLButtonElement>(null);

  const labelOf = (code: string) => has(code)?.label ?? code;
  const shown = (f: FormField) => {
    if (f.code === "partial_digitization") return true;
    if (!partial && PART_ONLY.has(f.code)) return false;
    if (f.code === "description") return described.length > 0;
    return true;
  };

  /** The checks the server makes too, so the patron sees them before sending. */
  function check(): Record<string, string> {
    const found: Record<string, string> = {};
    for (const f of fields) {
      if (!shown(f) || f.code === "partial_digitization") continue;
      if (f.code in TEXT_FIELDS && f.mandatory && !text[f.code]?.trim()) found[`f-${f.code}`] = m.missingText(f.label);
      if (f.code === "full_chapter" && f.mandatory && !fullChapter) found["f-full_chapter"] = m.missingTick(f.label);
      if (f.code === "copyrights_declaration_signed_by_patron" && f.mandatory && !declared)
        found["f-copyrights_declaration_signed_by_patron"] = m.missingDeclaration;
    }
    if (described.length > 0 && has("description") && !itemId) found["f-description"] = m.chooseItem;
    if (partial && has("required_pages_range")) {
      const filled = ranges.filter((r) => r.from.trim() || r.to.trim());
      ranges.forEach((r, i) => {
        if (!r.from.trim() && !r.to.trim()) return;
        const n = i + 1;
        if (!r.from.trim() || !r.to.trim()) {
          found[`pages-${i}-${r.from.trim() ? "to" : "from"}`] = m.missingPage(n);
          return;
        }
        const from = parsePage(r.from);
        const to = parsePage(r.to);
        if (!from) found[`pages-${i}-from`] = m.badPage(n, r.from.trim());
        if (!to) found[`pages-${i}-to`] = m.badPage(n, r.to.trim());
        if (from && to && comparePages(from, to) > 0)
          found[`pages-${i}-from`] = m.backwards(r.from.trim(), r.to.trim());
      });
      const saysWhich = filled.length > 0 || !!text.chapter_or_article_title?.trim() || fullChapter;
      if (!saysWhich && !found["pages-0-from"]) found["pages-0-from"] = m.whichPart;
    }
    for (const b of o.form.checkboxes)
      if (b.mandatory && !ticked.has(b.code)) found[`cb-${b.code}`] = m.missingTick(b.label);
    return { ...found, ...o.extraCheck?.() };
  }

  function body(acknowledged: boolean): PlaceBody {
    const out: Record<string, unknown> = { mms_id: o.mmsId, partial_digitization: partial };
    if (itemId) out.item_id = itemId;
    for (const code of Object.keys(TEXT_FIELDS)) {
      const v = text[code]?.trim();
      if (v && (partial || !PART_ONLY.has(code))) out[code] = v;
    }
    if (partial) {
      const filled = ranges.filter((r) => r.from.trim() || r.to.trim());
      if (filled.length)
        out.required_pages_range = filled.map((r) => ({ from_page: r.from.trim(), to_page: r.to.trim() }));
      if (fullChapter) out.full_chapter = true;
    }
    if (has("copyrights_declaration_signed_by_patron")) out.copyrights_declaration_signed_by_patron = declared;
    if (ticked.size) out.custom_checkboxes = [...ticked];
    if (q.get("source") === "openurl") out.request_source = "openurl";
    if (acknowledged) out.duplicate_acknowledged = true;
    return { ...out, ...o.extraBody?.() } as PlaceBody;
  }

  function extraFor(field: string): ExtraField | undefined {
    const first = field.split(".")[0] ?? field;
    return o.extraFields?.find((x) => x.fields.includes(field) || x.fields.includes(first));
  }

  function showServerProblems(err: unknown) {
    if (!(err instanceof ApiError)) {
      setErrors({});
      setGeneral(t.loadFailed);
      return;
    }
    const byField: Record<string, string> = {};
    const rest: FieldProblem[] = [];
    for (const f of err.fields) {
      const extra = extraFor(f.field);
      const id = extra?.id ?? elementFor(f.field);
      if (id && document.getElementById(id)) {
        const code = f.field.split(".")[0] ?? f.field;
        const label = extra
          ? extra.label
          : code === "custom_checkboxes"
            ? (o.form.checkboxes.find((b) => `cb-${b.code}` === id)?.label ?? "")
            : labelOf(code);
        byField[id] = m.serverField(label, f.message);
      } else rest.push(f);
    }
    if (err.code === "ITEM_REQUIRED" && document.getElementById("f-description"))
      byField["f-description"] = m.chooseItem;
    setErrors(byField);
    const loose = rest.map((f) => `${f.field}: ${f.message}`).join(" ");
    setGeneral(Object.keys(byField).length && !loose ? null : `${m.refused} ${loose || err.message}`);
  }

  async function place(acknowledged: boolean) {
    setBusy(true);
    try {
      const placed = await unwrap(api.POST("/api/v1/requests", { body: body(acknowledged) }));
      setDuplicates(null);
      await o.onPlaced(placed);
    } catch (err) {
      setDuplicates(null);
      showServerProblems(err);
    } finally {
      setBusy(false);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const found = check();
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    let earlier: Duplicates;
    try {
      earlier = (await unwrap(api.POST("/api/v1/requests/duplicate-check", { body: body(false) }))).duplicates;
    } catch (err) {
      setBusy(false);
      showServerProblems(err);
      return;
    }
    setBusy(false);
    if (earlier.length) setDuplicates(earlier);
    else await place(false);
  }

  function closeDuplicates() {
    setDuplicates(null);
    requestAnimationFrame(() => submitRef.current?.focus());
  }

  const problems: Problem[] = [
    ...(general ? [{ message: general }] : []),
    ...[...orderedIds(fields, ranges, o.form.checkboxes), ...(o.extraFields ?? []).map((x) => x.id)]
      .filter((id) => errors[id])
      .map((id) => ({ field: id, message: errors[id]! })),
  ];

  return {
    form: o.form,
    described,
    text,
    setText,
    partial,
    setPartial,
    fullChapter,
    setFullChapter,
    declared,
    setDeclared,
    ticked,
    setTicked,
    ranges,
    setRanges,
    nextKey,
    itemId,
    setItemId,
    errors,
    busy,
    duplicates,
    submitRef,
    shown,
    problems,
    submit,
    placeAnyway: () => void place(true),
    closeDuplicates,
  };
}

export type RequestFormState = ReturnType<typeof useRequestForm>;

/** The ids of the form's boxes in the order they appear, for the summary's order. */
function orderedIds(fields: FormField[], ranges: Range[], boxes: { code: string }[]): string[] {
  const ids: string[] = [];
  for (const f of fields) {
    if (f.code === "required_pages_range") ranges.forEach((_, i) => ids.push(`pages-${i}-from`, `pages-${i}-to`));
    else if (f.code !== "copyrights_declaration_signed_by_patron") ids.push(`f-${f.code}`);
  }
  for (const b of boxes) ids.push(`cb-${b.code}`);
  ids.push("f-copyrights_declaration_signed_by_patron");
  return ids;
}
