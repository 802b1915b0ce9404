import type { ReactNode } from "react";
import { Button } from "react-aria-components";
import { useI18n } from "../i18n";
import type { FormField, RequestFormState } from "./use-request-form";

/** The boxes of the institution's request form, in its order, each with its hint and error. */
export function RequestFormFields({ rf }: { rf: RequestFormState }) {
  const { t } = useI18n();
  const m = t.requestForm;
  const { errors, form } = rf;
  const fields = form.fields;
  const err = (id: string) => errors[id];
  const mark = (f: { mandatory: boolean }) => (f.mandatory ? <span className="mandatory"> ({m.required})</span> : null);

  const render = (f: FormField): ReactNode => {
    if (!rf.shown(f)) return null;
    switch (f.code) {
      case "partial_digitization":
        return (
          <fieldset key={f.code} className="fieldset">
            <legend className="label">{m.wholeOrPart}</legend>
            <label className="choice">
              <input type="radio" name="partial" checked={rf.partial} onChange={() => rf.setPartial(true)} />
              {f.label}
            </label>
            <label className="choice">
              <input type="radio" name="partial" checked={!rf.partial} onChange={() => rf.setPartial(false)} />
              {m.whole}
            </label>
          </fieldset>
        );
      case "required_pages_range":
        return <PageRanges key={f.code} rf={rf} field={f} mark={mark(f)} />;
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
              value={rf.itemId}
              aria-invalid={err("f-description") ? true : undefined}
              aria-describedby={
                [f.help ? "help-description" : "", err("f-description") ? "f-description-error" : ""]
                  .filter(Boolean)
                  .join(" ") || undefined
              }
              onChange={(e) => rf.setItemId(e.target.value)}
            >
              <option value="">{m.chooseVolume}</option>
              {rf.described.map((i) => (
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
            checked={rf.fullChapter}
            onChange={rf.setFullChapter}
            error={err("f-full_chapter")}
            mandatory={mark(f)}
          />
        );
      case "copyrights_declaration_signed_by_patron":
        return (
          <section key={f.code} className="copyright" aria-labelledby="copyright-heading">
            <h2 id="copyright-heading">{m.copyrightHeading}</h2>
            {form.copyright_notice && <p className="notice">{form.copyright_notice}</p>}
            <Tick
              id="f-copyrights_declaration_signed_by_patron"
              label={f.label}
              help={f.help}
              checked={rf.declared}
              onChange={rf.setDeclared}
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
          value: rf.text[f.code] ?? "",
          "aria-invalid": err(id) ? true : undefined,
          "aria-describedby": describedBy || undefined,
        };
        const onChange = (value: string) => rf.setText((v) => ({ ...v, [f.code]: value }));
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
              <textarea {...common} rows={4} onChange={(e) => onChange(e.target.value)} />
            ) : (
              <input
                {...common}
                type={f.code === "last_interest_date" ? "date" : "text"}
                onChange={(e) => onChange(e.target.value)}
              />
            )}
          </div>
        );
      }
    }
  };

  const declaration = fields.find((f) => f.code === "copyrights_declaration_signed_by_patron");
  return (
    <>
      {fields.filter((f) => f !== declaration).map(render)}
      {form.checkboxes.map((b) => (
        <Tick
          key={b.code}
          id={`cb-${b.code}`}
          label={b.label}
          help={null}
          checked={rf.ticked.has(b.code)}
          onChange={(on) =>
            rf.setTicked((s) => {
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
      {declaration ? render(declaration) : form.copyright_notice && <p className="notice">{form.copyright_notice}</p>}
    </>
  );
}

function PageRanges({ rf, field: f, mark }: { rf: RequestFormState; field: FormField; mark: ReactNode }) {
  const { t } = useI18n();
  const m = t.requestForm;
  const { ranges, setRanges, errors } = rf;
  return (
    <fieldset className="fieldset" aria-describedby={f.help ? "help-pages" : undefined}>
      <legend className="label">
        {f.label}
        {mark}
      </legend>
      {f.help && (
        <p className="hint" id="help-pages">
          {f.help}
        </p>
      )}
      {ranges.map((r, i) => {
        const messages = [...new Set([errors[`pages-${i}-from`], errors[`pages-${i}-to`]].filter(Boolean))];
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
                    aria-invalid={errors[id] ? true : undefined}
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
          const key = rf.nextKey.current++;
          setRanges((all) => [...all, { key, from: "", to: "" }]);
          requestAnimationFrame(() => document.getElementById(`pages-${ranges.length}-from`)?.focus());
        }}
      >
        {m.addRange}
      </Button>
    </fieldset>
  );
}

export function Tick(props: {
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
