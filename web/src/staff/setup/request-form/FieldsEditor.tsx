import { useState } from "react";
import { Button } from "react-aria-components";
import { Field } from "../../../shared/components/Field";
import { useI18n } from "../../../shared/i18n";
import { useTexts } from "../../../shared/texts";
import { languageName } from "../letters/language-name";
import { FORM_LANGUAGES, pick, withText, type FieldConfig, type FormConfig, type Texts } from "./model";
import { formText } from "./text";

/** The form's fields (shown, mandatory, position, label and help per language), checkboxes and notice. */
export function FieldsEditor(props: {
  config: FormConfig;
  setConfig(update: (c: FormConfig) => FormConfig): void;
  errors: Record<string, string>;
}) {
  const x = useTexts(formText);
  const { lang } = useI18n();
  const { config, setConfig, errors } = props;
  const setField = (i: number, change: Partial<FieldConfig>) =>
    setConfig((c) => ({ ...c, fields: c.fields.map((f, j) => (j === i ? { ...f, ...change } : f)) }));
  const hasError = (prefix: string) => Object.keys(errors).some((id) => id.startsWith(prefix));
  const sorted = config.fields.map((f, i) => ({ f, i })).sort((a, b) => a.f.order - b.f.order);
  // checkboxes added here stay open while their code and labels are typed
  const [added, setAdded] = useState<ReadonlySet<number>>(new Set());
  const setBox = (i: number, change: Partial<FormConfig["checkboxes"][number]>) =>
    setConfig((c) => ({ ...c, checkboxes: c.checkboxes.map((y, j) => (j === i ? { ...y, ...change } : y)) }));

  return (
    <>
      <h2>{x.fieldsTitle}</h2>
      {sorted.map(({ f, i }) => (
        <details key={f.code} className="rf-field" open={hasError(`rf-fields-${i}-`) || undefined}>
          <summary>
            <span className="rf-field-name">{pick(f.label, lang) ?? f.code}</span>{" "}
            <span className="letter-code">{f.code}</span>
            {!f.display_to_public && <span className="rf-flag"> – {x.hidden}</span>}
            {f.mandatory && <span className="rf-flag"> – {x.required}</span>}
          </summary>
          <div className="rf-field-body">
            <Tick
              id={`rf-fields-${i}-display_to_public`}
              label={x.shown}
              checked={f.display_to_public}
              onChange={(v) => setField(i, { display_to_public: v })}
              error={errors[`rf-fields-${i}-display_to_public`]}
            />
            <Tick
              id={`rf-fields-${i}-mandatory`}
              label={x.mandatory}
              checked={f.mandatory}
              onChange={(v) => setField(i, { mandatory: v })}
              error={errors[`rf-fields-${i}-mandatory`]}
            />
            <Box
              id={`rf-fields-${i}-order`}
              label={x.order}
              value={String(f.order)}
              inputMode="numeric"
              onChange={(v) => setField(i, { order: Number.isFinite(Number(v)) && v.trim() ? Number(v) : f.order })}
              error={errors[`rf-fields-${i}-order`]}
            />
            <PerLanguage
              id={`rf-fields-${i}-label`}
              label={x.label}
              texts={f.label}
              onChange={(label) => setField(i, { label })}
              errors={errors}
            />
            <PerLanguage
              id={`rf-fields-${i}-help`}
              label={x.help}
              texts={f.help}
              onChange={(help) => setField(i, { help })}
              errors={errors}
            />
          </div>
        </details>
      ))}
      <h2>{x.checkboxesTitle}</h2>
      {config.checkboxes.length === 0 && <p>{x.noCheckboxes}</p>}
      {config.checkboxes.map((b, i) => (
        // by position: a new checkbox's code is typed in it
        <details key={i} className="rf-field" open={added.has(i) || hasError(`rf-checkboxes-${i}-`) || undefined}>
          <summary>
            <span className="rf-field-name">{pick(b.label, lang) ?? (b.code || x.newCheckbox)}</span>{" "}
            <span className="letter-code">{b.code}</span>
          </summary>
          <div className="rf-field-body">
            <Field
              id={`rf-checkboxes-${i}-code`}
              label={x.checkboxCode}
              hint={x.checkboxCodeHint}
              value={b.code}
              onChange={(code) => setBox(i, { code })}
              error={errors[`rf-checkboxes-${i}-code`]}
            />
            <Tick
              id={`rf-checkboxes-${i}-mandatory`}
              label={x.checkboxMandatory}
              checked={b.mandatory}
              onChange={(mandatory) => setBox(i, { mandatory })}
              error={errors[`rf-checkboxes-${i}-mandatory`]}
            />
            <PerLanguage
              id={`rf-checkboxes-${i}-label`}
              label={x.label}
              texts={b.label}
              onChange={(label) => setBox(i, { label })}
              errors={errors}
            />
            <Button
              className="button secondary"
              onPress={() => {
                setAdded(new Set());
                setConfig((c) => ({ ...c, checkboxes: c.checkboxes.filter((_, j) => j !== i) }));
              }}
            >
              {x.removeCheckbox(pick(b.label, lang) ?? b.code)}
            </Button>
          </div>
        </details>
      ))}
      {config.checkboxes.length < 20 && (
        <p>
          <Button
            className="button secondary"
            onPress={() => {
              setAdded((old) => new Set(old).add(config.checkboxes.length));
              setConfig((c) => ({ ...c, checkboxes: [...c.checkboxes, { code: "", label: {}, mandatory: false }] }));
            }}
          >
            {x.addCheckbox}
          </Button>
        </p>
      )}
      <h2>{x.noticeTitle}</h2>
      <PerLanguage
        id="rf-copyright_notice"
        label={x.notice}
        texts={config.copyright_notice}
        onChange={(copyright_notice) => setConfig((c) => ({ ...c, copyright_notice }))}
        errors={errors}
        multiline
      />
    </>
  );
}

/** One text per language, in a group named by what it is, its error (about all of them) on top. */
function PerLanguage(props: {
  id: string;
  label(lang: string): string;
  texts: Texts;
  onChange(t: Texts): void;
  errors: Record<string, string>;
  multiline?: boolean;
}) {
  const { lang } = useI18n();
  const groupError = props.errors[props.id];
  return (
    <fieldset
      id={props.id}
      tabIndex={-1}
      className={`rf-languages${groupError ? " invalid" : ""}`}
      aria-describedby={groupError ? `${props.id}-error` : undefined}
    >
      <legend className="visually-hidden">{props.label("").replace(/\s*\(\)\s*$/, "")}</legend>
      {groupError && (
        <p className="field-error" id={`${props.id}-error`}>
          {groupError}
        </p>
      )}
      {FORM_LANGUAGES.map((l) => (
        <Box
          key={l}
          id={`${props.id}-${l}`}
          label={props.label(languageName(l, lang))}
          lang={l}
          value={props.texts[l] ?? ""}
          onChange={(v) => props.onChange(withText(props.texts, l, v))}
          error={props.errors[`${props.id}-${l}`]}
          multiline={props.multiline}
        />
      ))}
    </fieldset>
  );
}

function Box(props: {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  error?: string | undefined;
  lang?: string;
  multiline?: boolean | undefined;
  inputMode?: "numeric";
}) {
  const common = {
    id: props.id,
    value: props.value,
    lang: props.lang,
    "aria-invalid": props.error ? true : undefined,
    "aria-describedby": props.error ? `${props.id}-error` : undefined,
  };
  return (
    <div className="field">
      <label className="label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.error && (
        <p className="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
      {props.multiline ? (
        <textarea {...common} className="input textarea" rows={3} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          className="input"
          inputMode={props.inputMode}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </div>
  );
}

function Tick(props: {
  id: string;
  label: string;
  checked: boolean;
  onChange(v: boolean): void;
  error?: string | undefined;
}) {
  return (
    <div className="field tick">
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
          aria-describedby={props.error ? `${props.id}-error` : undefined}
          onChange={(e) => props.onChange(e.target.checked)}
        />
        <label htmlFor={props.id}>{props.label}</label>
      </div>
    </div>
  );
}
