import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Field } from "../../../shared/components/Field";
import { SelectField } from "../../../shared/components/SelectField";
import { useTexts } from "../../../shared/texts";
import { Tick } from "./form-parts";
import { fieldId, numberOrNull, type Output } from "./model";
import { reasonsQuery, termsOfUseQuery } from "./queries";
import { rulesText } from "./text";

/**
 * A rule's outcome, as the table's kind has it. `prefix` is where the server puts its problems
 * with it: "output" for a rule, "default_output" for the default rule.
 */
export function OutputFields(props: {
  kind: string;
  value: Output;
  onChange(v: Output): void;
  prefix: string;
  problems: Map<string, string>;
}) {
  const x = useTexts(rulesText);
  const o = props.value;
  const set = (key: string, v: unknown) => props.onChange({ ...o, [key]: v });
  const path = (key: string) => `${props.prefix}.${key}`;
  const error = (key: string) => props.problems.get(path(key));
  const text = (key: string) => (o[key] === null || o[key] === undefined ? "" : String(o[key] as string | number));

  const tick = (key: string, label: string, checked: boolean, onChange: (v: boolean) => void) => (
    <Tick key={key} id={fieldId(path(key))} label={label} checked={checked} onChange={onChange} error={error(key)} />
  );
  const number = (key: string, label: string) => (
    <Field
      id={fieldId(path(key))}
      label={label}
      value={text(key)}
      onChange={(v) => set(key, numberOrNull(v))}
      error={error(key)}
      inputClassName="input narrow-input"
    />
  );

  switch (props.kind) {
    case "digitization":
      return (
        <DigitizationFields value={o} set={set} error={error} path={path} tick={tick} number={number} text={text} />
      );
    case "delivery":
      return tick("allowed", x.allowed, o.allowed === true, (v) => set("allowed", v));
    case "display_logic": {
      const hide = Array.isArray(o.hide) ? (o.hide as string[]) : [];
      return (
        <fieldset className="fieldset">
          <legend className="label">{x.hideHeading}</legend>
          {error("hide") && <p className="field-error">{error("hide")}</p>}
          {["digitization", "general_digitization"].map((s) =>
            tick(`hide.${s}`, x.services[s] ?? s, hide.includes(s), (on) =>
              set("hide", on ? [...hide, s] : hide.filter((h) => h !== s)),
            ),
          )}
        </fieldset>
      );
    }
    case "patron_limits":
      return number("max_digitization_requests", x.maxRequests);
    case "fulfillment_unit":
      return (
        <TermsField
          value={text("terms_of_use")}
          onChange={(v) => set("terms_of_use", v)}
          id={fieldId(path("terms_of_use"))}
          error={error("terms_of_use")}
        />
      );
    default:
      return null;
  }
}

function DigitizationFields(props: {
  value: Output;
  set(key: string, v: unknown): void;
  error(key: string): string | undefined;
  path(key: string): string;
  tick(key: string, label: string, checked: boolean, onChange: (v: boolean) => void): ReactNode;
  number(key: string, label: string): ReactNode;
  text(key: string): string;
}) {
  const x = useTexts(rulesText);
  const reasons = useQuery(reasonsQuery);
  const o = props.value;
  const current = typeof o.approval_reason === "string" ? o.approval_reason : "";
  // an inactive reason stays choosable for the rule that already names it (the server allows it)
  const reasonOptions = (reasons.data?.approval_reasons ?? [])
    .filter((r) => r.active || r.code === current)
    .map((r) => ({ id: r.code, label: r.active ? r.label : x.inactiveReason(r.label) }));
  if (current && !reasonOptions.some((r) => r.id === current)) reasonOptions.push({ id: current, label: current });
  return (
    <>
      <SelectField
        id={fieldId(props.path("target"))}
        label={x.target}
        value={props.text("target")}
        onChange={(v) => props.set("target", v)}
        error={props.error("target")}
        options={["attachment", "link", "repository"].map((t) => ({ id: t, label: x.targetLabels[t] ?? t }))}
      />
      {props.number("max_views", x.maxViews)}
      {props.number("link_expiry_days", x.linkExpiry)}
      {props.tick("approval_required", x.approvalRequired, o.approval_required === true, (v) =>
        props.set("approval_required", v),
      )}
      {props.tick("copyright_clearance_required", x.copyrightRequired, o.copyright_clearance_required === true, (v) =>
        props.set("copyright_clearance_required", v),
      )}
      <SelectField
        id={fieldId(props.path("approval_mode"))}
        label={x.approvalMode}
        value={props.text("approval_mode")}
        onChange={(v) => props.set("approval_mode", v === "" ? null : v)}
        error={props.error("approval_mode")}
        options={[
          { id: "", label: x.modes.none ?? "" },
          ...["parallel", "blocks", "automatic"].map((m) => ({ id: m, label: x.modes[m] ?? m })),
        ]}
      />
      <SelectField
        id={fieldId(props.path("approval_reason"))}
        label={x.approvalReason}
        value={current}
        onChange={(v) => props.set("approval_reason", v === "" ? null : v)}
        error={props.error("approval_reason")}
        options={[{ id: "", label: x.noReason }, ...reasonOptions]}
      />
      <Field
        id={fieldId(props.path("target_destination"))}
        label={x.destination}
        value={props.text("target_destination")}
        onChange={(v) => props.set("target_destination", v.trim() === "" ? null : v)}
        error={props.error("target_destination")}
        inputClassName="input narrow-input"
      />
    </>
  );
}

function TermsField(props: { id: string; value: string; onChange(v: string): void; error: string | undefined }) {
  const x = useTexts(rulesText);
  const terms = useQuery(termsOfUseQuery);
  const options = (terms.data?.terms_of_use ?? []).map((t) => ({ id: t.code, label: `${t.name} (${t.code})` }));
  if (props.value && !options.some((o) => o.id === props.value))
    options.unshift({ id: props.value, label: props.value });
  if (!props.value) options.unshift({ id: "", label: x.nothing });
  return (
    <SelectField
      id={props.id}
      label={x.termsOfUse}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      options={options}
    />
  );
}
