import { useQuery } from "@tanstack/react-query";
import { Button } from "react-aria-components";
import type { Problem } from "../../../shared/components/ErrorSummary";
import { Field } from "../../../shared/components/Field";
import { useTexts } from "../../../shared/texts";
import { fieldError, SelectBox } from "../forms/forms";
import { groupsQuery } from "../user-groups/UserGroupsPage";
import { focusSoon, newKey, type ProviderDraft, type RuleDraft } from "./draft";
import { providerFormText } from "./form-text";

type Set = <K extends keyof ProviderDraft>(key: K) => (v: ProviderDraft[K]) => void;

/** Which attribute fills each user field, and the table from an attribute's values to user groups. */
export function MappingFields(props: { draft: ProviderDraft; set: Set; problems: Problem[] }) {
  const x = useTexts(providerFormText);
  const { draft: d, set, problems } = props;
  const err = (id: string) => fieldError(problems, id);
  const groups = useQuery(groupsQuery);
  const groupOptions = (groups.data ?? []).map((g) => ({ id: g.code, label: `${g.name} (${g.code})` }));
  // A stored code the list does not hold (yet) stays choosable, so loading never changes the form.
  const withCode = (code: string) =>
    code === "" || groupOptions.some((o) => o.id === code)
      ? groupOptions
      : [...groupOptions, { id: code, label: code }];
  const setRule = (key: number, change: Partial<RuleDraft>) =>
    set("rules")(d.rules.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const text = (id: string, label: string, key: "primaryId" | "email" | "firstName" | "lastName" | "language") => (
    <Field id={id} label={label} value={d[key]} onChange={set(key)} error={err(id)} />
  );
  return (
    <>
      <fieldset className="fieldset">
        <legend>
          <h2>{x.mappingHeading}</h2>
        </legend>
        <p className="hint">{x.mappingIntro}</p>
        {text("idp-map-primary", x.primaryId, "primaryId")}
        <SelectBox
          id="idp-map-match"
          label={x.matchBy}
          value={d.matchBy}
          onChange={(v) => set("matchBy")(v as ProviderDraft["matchBy"])}
          options={[
            { id: "primary_id", label: x.matchByPrimaryId },
            { id: "barcode", label: x.matchByBarcode },
            { id: "email", label: x.matchByEmail },
          ]}
          error={err("idp-map-match")}
        />
        {text("idp-map-email", x.email, "email")}
        {text("idp-map-first", x.firstName, "firstName")}
        {text("idp-map-last", x.lastName, "lastName")}
        {text("idp-map-language", x.language, "language")}
      </fieldset>
      <fieldset className="fieldset">
        <legend>
          <h2>{x.groupHeading}</h2>
        </legend>
        <Field
          id="idp-map-group-attr"
          label={x.groupAttribute}
          hint={x.groupAttributeHint}
          value={d.groupAttribute}
          onChange={set("groupAttribute")}
          error={err("idp-map-group-attr")}
        />
        <p className="hint">{d.rules.length === 0 ? x.noRules : x.rulesIntro}</p>
        {d.rules.map((r, i) => (
          <div key={r.key} className="sign-on-rule">
            <Field
              id={`idp-rule-${i}-value`}
              label={x.ruleValue(i + 1)}
              value={r.value}
              onChange={(v) => setRule(r.key, { value: v })}
              error={err(`idp-rule-${i}-value`)}
            />
            <span className="sign-on-arrow" aria-hidden="true">
              →
            </span>
            <SelectBox
              id={`idp-rule-${i}-group`}
              label={x.ruleGroup(i + 1)}
              value={r.group}
              onChange={(v) => setRule(r.key, { group: v })}
              options={[{ id: "", label: x.chooseGroup }, ...withCode(r.group)]}
              error={err(`idp-rule-${i}-group`)}
            />
            <Button
              className="button secondary sign-on-remove-row"
              onPress={() => {
                set("rules")(d.rules.filter((o) => o.key !== r.key));
                focusSoon("idp-add-rule");
              }}
            >
              {x.removeRule(i + 1)}
            </Button>
          </div>
        ))}
        <p>
          <Button
            id="idp-add-rule"
            className="button secondary"
            onPress={() => {
              set("rules")([...d.rules, { key: newKey(), value: "", group: "" }]);
              focusSoon(`idp-rule-${d.rules.length}-value`);
            }}
          >
            {x.addRule}
          </Button>
        </p>
        <SelectBox
          id="idp-map-default"
          label={x.defaultGroup}
          value={d.defaultGroup}
          onChange={set("defaultGroup")}
          options={[{ id: "", label: x.refuse }, ...withCode(d.defaultGroup)]}
          error={err("idp-map-default")}
        />
      </fieldset>
    </>
  );
}
