import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button, Dialog, Heading, Link, Modal } from "react-aria-components";
import { api, ApiError, unwrap, type FieldProblem } from "../../shared/api/client";
import type { paths } from "../../shared/api/schema";
import { ErrorSummary, type Problem } from "../../shared/components/ErrorSummary";
import { Page } from "../../shared/components/Page";
import { useI18n } from "../../shared/i18n";
import { navigate, type Place } from "../../shared/router";
import { LoadFailed, NotFound } from "../App";
import { comparePages, parsePage, parseRanges } from "../page-numbers";
import { explainQuery, requestFormQuery, titleQuery } from "../queries";
import { patronReason } from "./TitlePage";

type PlaceBody = paths["/api/v1/requests"]["post"]["requestBody"]["content"]["application/json"];
type PublicForm = paths["/api/v1/request-form"]["get"]["responses"][200]["content"]["application/json"];
type FormField = PublicForm["fields"][number];
type Duplicates = paths["/api/v1/requests/duplicate-check"]["post"]["responses"][200]["content"]["application/json"];

/** Text fields of the form, and the address's query parameter that pre-fills each (OpenURL, links). */
const TEXT_FIELDS: Record<string, string | null> = {
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
const PART_ONLY = new Set([
  "required_pages_range",
  "chapter_or_article_title",
  "chapter_or_article_author",
  "full_chapter",
]);

interface Range {
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

export function RequestPage({ place, mmsId }: { place: Place; mmsId: string }) {
  const { t, lang } = useI18n();
  const title = useQuery(titleQuery(mmsId));
  const form = useQuery(requestFormQuery(lang));
  const explained = useQuery(explainQuery(mmsId));
  if (title.isPending || form.isPending || explained.isPending) return <p className="loading">{t.loading}</p>;
  if (title.isError) {
    if (title.error instanceof ApiError && title.error.status === 404) return <NotFound base={place.base} />;
    return <LoadFailed retry={() => void title.refetch()} />;
  }
  if (form.isError) return <LoadFailed retry={() => void form.refetch()} />;
  // When the title page would say no copy can be asked for, the form says the same, and why.
  // (If explain fails, the form is shown: placing decides in the end.)
  const items = title.data.holdings.flatMap((h) => h.items);
  const type = items.length > 0 ? "DIGITIZATION" : "GENERAL_DIGITIZATION";
  const service = explained.data?.services.find((s) => s.type === type);
  if (service && !service.offered) {
    const item = items.find((i) => String(i.id) === service.item_id);
    return (
      <Page title={t.requestForm.title(title.data.title)}>
        <div className="notice">
          <p className="strong">{t.notOfferedLong}</p>
          <p>{patronReason(t, service, title.data, item)}</p>
        </div>
        <p>
          <Link href={`${place.base}/titles/${mmsId}`}>← {title.data.title}</Link>
        </p>
      </Page>
    );
  }
  return <RequestForm place={place} mmsId={mmsId} title={title.data} form={form.data} />;
}

function RequestForm(props: {
  place: Place;
  mmsId: string;
  title: paths["/api/v1/bibs/{mms_id}"]["get"]["responses"][200]["content"]["application/json"];
  form: PublicForm;
}) {
  const { t, date } = useI18n();
  const m = t.requestForm;
  const client = useQueryClient();
  const q = props.place.search;
  const fields = props.form.fields;
  const has = (code: string) => fields.find((f) => f.code === code);
  const items = props.title.holdings.flatMap((h) => h.items);
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
  const [duplicates, setDuplicates] = useState<Duplicates["duplicates"] | null>(null);
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
    for (const b of props.form.checkboxes)
      if (b.mandatory && !ticked.has(b.code)) found[`cb-${b.code}`] = m.missingTick(b.label);
    return found;
  }

  function body(acknowledged: boolean): PlaceBody {
    const out: Record<string, unknown> = { mms_id: props.mmsId, partial_digitization: partial };
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
    return out as PlaceBody;
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
      const id = elementFor(f.field);
      if (id && document.getElementById(id)) {
        const code = f.field.split(".")[0] ?? f.field;
        const label =
          code === "custom_checkboxes"
            ? (props.form.checkboxes.find((b) => `cb-${b.code}` === id)?.label ?? "")
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
      await client.invalidateQueries({ queryKey: ["requests"] });
      navigate(`${props.place.base}/requests/${placed.request_id}`);
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
    let earlier: Duplicates["duplicates"];
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

  const problems: Problem[] = [
    ...(general ? [{ message: general }] : []),
    ...orderedIds(fields, ranges, props.form.checkboxes)
      .filter((id) => errors[id])
      .map((id) => ({ field: id, message: errors[id]! })),
  ];
  const mark = (f: { mandatory: boolean }) => (f.mandatory ? <span className="mandatory"> ({m.required})</span> : null);

  const render = (f: FormField): ReactNode => {
    if (!shown(f)) return null;
    const err = (id: string) => errors[id];
    switch (f.code) {
      case "partial_digitization":
        return (
          <fieldset key={f.code} className="fieldset">
            <legend className="label">{m.wholeOrPart}</legend>
            <label className="choice">
              <input type="radio" name="partial" checked={partial} onChange={() => setPartial(true)} />
              {f.label}
            </label>
            <label className="choice">
              <input type="radio" name="partial" checked={!partial} onChange={() => setPartial(false)} />
              {m.whole}
            </label>
          </fieldset>
        );
      case "required_pages_range":
        return (
          <fieldset key={f.code} className="fieldset" aria-describedby={f.help ? "help-pages" : undefined}>
            <legend className="label">
              {f.label}
              {mark(f)}
            </legend>
            {f.help && (
              <p className="hint" id="help-pages">
                {f.help}
              </p>
            )}
            {ranges.map((r, i) => {
              const messages = [...new Set([err(`pages-${i}-from`), err(`pages-${i}-to`)].filter(Boolean))];
              const errorId = `pages-${i}-error`;
              return (
                <div
                  key={r.key}
                  className={`range${messages.length ? " invalid" : ""}`}
                  role="group"
                  aria-label={m.rangeLabel(i + 1)}
                >
                  {messages.length > 0 && (
                    <p className="field-error range-error" id={errorId}>
                      {messages.join(" ")}
                    </p>
                  )}
                  {(["from", "to"] as const).map((side) => {
                    const id = `pages-${i}-${side}`;
                    return (
                      <div key={side} className="range-part">
                        <label className="label-small" htmlFor={id}>
                          {side === "from" ? m.from : m.to}
                          <span className="visually-hidden"> ({m.rangeLabel(i + 1)})</span>
                        </label>
                        <input
                          id={id}
                          className="input page-input"
                          autoComplete="off"
                          spellCheck={false}
                          value={r[side]}
                          aria-invalid={err(id) ? true : undefined}
                          aria-describedby={messages.length ? errorId : undefined}
                          onChange={(e) =>
                            setRanges((all) => all.map((x) => (x.key === r.key ? { ...x, [side]: e.target.value } : x)))
                          }
                        />
                      </div>
                    );
                  })}
                  {ranges.length > 1 && (
                    <Button
                      className="link-button remove-range"
                      onPress={() => setRanges((all) => all.filter((x) => x.key !== r.key))}
                    >
                      {m.removeRange(i + 1)}
                    </Button>
                  )}
                </div>
              );
            })}
            <Button
              className="button secondary add-range"
              onPress={() => {
                const key = nextKey.current++;
                setRanges((all) => [...all, { key, from: "", to: "" }]);
                requestAnimationFrame(() => document.getElementById(`pages-${ranges.length}-from`)?.focus());
              }}
            >
              {m.addRange}
            </Button>
          </fieldset>
        );
      case "description":
        return (
          <div key={f.code} className="field">
            <label className="label" htmlFor="f-description">
              {f.label}
              {mark({ mandatory: true })}
            </label>
            {f.help && (
              <p className="hint" id="help-description">
                {f.help}
              </p>
            )}
            {err("f-description") && (
              <p className="field-error" id="f-description-error">
                {err("f-description")}
              </p>
            )}
            <select
              id="f-description"
              className="select"
              value={itemId}
              aria-invalid={err("f-description") ? true : undefined}
              aria-describedby={
                [f.help ? "help-description" : "", err("f-description") ? "f-description-error" : ""]
                  .filter(Boolean)
                  .join(" ") || undefined
              }
              onChange={(e) => setItemId(e.target.value)}
            >
              <option value="">{m.chooseVolume}</option>
              {described.map((i) => (
                <option key={i.id} value={String(i.id)}>
                  {i.description}
                </option>
              ))}
            </select>
          </div>
        );
      case "full_chapter":
        return (
          <Tick
            key={f.code}
            id="f-full_chapter"
            label={f.label}
            help={f.help}
            checked={fullChapter}
            onChange={setFullChapter}
            error={err("f-full_chapter")}
            mandatory={mark(f)}
          />
        );
      case "copyrights_declaration_signed_by_patron":
        return (
          <section key={f.code} className="copyright" aria-labelledby="copyright-heading">
            <h2 id="copyright-heading">{m.copyrightHeading}</h2>
            {props.form.copyright_notice && <p className="notice">{props.form.copyright_notice}</p>}
            <Tick
              id="f-copyrights_declaration_signed_by_patron"
              label={f.label}
              help={f.help}
              checked={declared}
              onChange={setDeclared}
              error={err("f-copyrights_declaration_signed_by_patron")}
              mandatory={mark(f)}
            />
          </section>
        );
      default: {
        const id = `f-${f.code}`;
        const multiline = f.code === "comment";
        const describedBy = [f.help ? `help-${f.code}` : "", err(id) ? `${id}-error` : ""].filter(Boolean).join(" ");
        const common = {
          id,
          className: multiline ? "input textarea" : "input",
          value: text[f.code] ?? "",
          "aria-invalid": err(id) ? true : undefined,
          "aria-describedby": describedBy || undefined,
        };
        return (
          <div key={f.code} className="field">
            <label className="label" htmlFor={id}>
              {f.label}
              {mark(f)}
            </label>
            {f.help && (
              <p className="hint" id={`help-${f.code}`}>
                {f.help}
              </p>
            )}
            {err(id) && (
              <p className="field-error" id={`${id}-error`}>
                {err(id)}
              </p>
            )}
            {multiline ? (
              <textarea {...common} rows={4} onChange={(e) => setText((v) => ({ ...v, [f.code]: e.target.value }))} />
            ) : (
              <input
                {...common}
                type={f.code === "last_interest_date" ? "date" : "text"}
                onChange={(e) => setText((v) => ({ ...v, [f.code]: e.target.value }))}
              />
            )}
          </div>
        );
      }
    }
  };

  const declaration = fields.find((f) => f.code === "copyrights_declaration_signed_by_patron");
  return (
    <Page title={m.title(props.title.title)}>
      <ErrorSummary problems={problems} />
      <p className="lead">{m.intro}</p>
      <form className="form request-form" noValidate onSubmit={(e) => void submit(e)}>
        {fields.filter((f) => f !== declaration).map(render)}
        {props.form.checkboxes.map((b) => (
          <Tick
            key={b.code}
            id={`cb-${b.code}`}
            label={b.label}
            help={null}
            checked={ticked.has(b.code)}
            onChange={(on) =>
              setTicked((s) => {
                const next = new Set(s);
                if (on) next.add(b.code);
                else next.delete(b.code);
                return next;
              })
            }
            error={errors[`cb-${b.code}`]}
            mandatory={mark(b)}
          />
        ))}
        {declaration
          ? render(declaration)
          : props.form.copyright_notice && <p className="notice">{props.form.copyright_notice}</p>}
        <button type="submit" className="button submit" ref={submitRef} aria-disabled={busy || undefined}>
          {busy ? m.sending : m.submit}
        </button>
      </form>
      <p>
        <Link href={`${props.place.base}/titles/${props.mmsId}`}>← {props.title.title}</Link>
      </p>
      <Modal
        className="modal"
        isDismissable
        isOpen={duplicates !== null}
        onOpenChange={(open) => {
          if (!open) {
            setDuplicates(null);
            requestAnimationFrame(() => submitRef.current?.focus());
          }
        }}
      >
        <Dialog className="dialog" role="alertdialog">
          <Heading slot="title">{m.duplicateTitle}</Heading>
          <p>{m.duplicateBody}</p>
          <ul className="duplicates">
            {(duplicates ?? []).map((d) => (
              <li key={d.request_id}>
                <Link href={`${props.place.base}/requests/${d.request_id}`}>
                  {m.duplicateRequest(date(d.request_date), m.states[d.request_status] ?? d.request_status)}
                </Link>
                {": "}
                {[
                  d.item_description,
                  d.required_pages_range
                    ? m.duplicatePages(
                        d.required_pages_range
                          .map((r) => (r.from_page === r.to_page ? r.from_page : `${r.from_page}–${r.to_page}`))
                          .join(", "),
                      )
                    : m.duplicateWhole,
                ]
                  .filter(Boolean)
                  .join(", ")}
              </li>
            ))}
          </ul>
          <div className="dialog-actions">
            <Button className="button" isPending={busy} onPress={() => void place(true)}>
              {m.submitAnyway}
            </Button>
            <Button
              className="button secondary"
              onPress={() => {
                setDuplicates(null);
                requestAnimationFrame(() => submitRef.current?.focus());
              }}
            >
              {m.goBack}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </Page>
  );
}

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

function Tick(props: {
  id: string;
  label: string;
  help: string | null;
  checked: boolean;
  onChange(v: boolean): void;
  error: string | undefined;
  mandatory: ReactNode;
}) {
  const describedBy = [props.help ? `${props.id}-help` : "", props.error ? `${props.id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={`field tick${props.error ? " invalid" : ""}`}>
      {props.error && (
        <p className="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
      <div className="tick-row">
        <input
          type="checkbox"
          id={props.id}
          checked={props.checked}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(e) => props.onChange(e.target.checked)}
        />
        <label htmlFor={props.id}>
          {props.label}
          {props.mandatory}
        </label>
      </div>
      {props.help && (
        <p className="hint" id={`${props.id}-help`}>
          {props.help}
        </p>
      )}
    </div>
  );
}
