import { Button } from "react-aria-components";
import { Field } from "../../../shared/components/Field";
import { SelectField } from "../../../shared/components/SelectField";
import { useI18n } from "../../../shared/i18n";
import { useTexts } from "../../../shared/texts";
import { fieldId, takesList, takesValue, type ConditionDraft } from "./model";
import type { Parameter } from "./queries";
import { rulesText } from "./text";

/** A rule's conditions, one group of fields each: parameter, operator (those its type takes) and value. */
export function ConditionFields(props: {
  parameters: Parameter[];
  value: ConditionDraft[];
  onChange(v: ConditionDraft[]): void;
  problems: Map<string, string>;
}) {
  const x = useTexts(rulesText);
  const { number } = useI18n();
  const set = (i: number, patch: Partial<ConditionDraft>) =>
    props.onChange(props.value.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const first = props.parameters[0];
  const whole = props.problems.get("conditions");
  return (
    <fieldset className="fieldset rule-conditions">
      <legend>
        <h2>{x.conditionsHeading}</h2>
      </legend>
      <p className="hint">{x.conditionsHint}</p>
      {whole && (
        <p className="field-error" id={fieldId("conditions")}>
          {whole}
        </p>
      )}
      {props.value.map((c, i) => {
        const parameter = props.parameters.find((p) => p.name === c.parameter);
        const operators = parameter?.operators ?? [c.operator];
        const path = (k: string) => `conditions.${i}.${k}`;
        const n = number(i + 1);
        const hint = !takesValue(c.operator)
          ? undefined
          : c.operator === "between"
            ? x.valueHintBetween
            : takesList(c.operator)
              ? x.valueHintList
              : parameter?.values
                ? x.valueHintFixed(parameter.values.join(", "))
                : parameter?.type === "boolean"
                  ? x.valueHintFixed("true, false")
                  : undefined;
        return (
          <fieldset key={i} className="fieldset rule-condition">
            <legend className="label">{x.condition(n)}</legend>
            <SelectField
              id={fieldId(path("parameter"))}
              label={x.parameter}
              value={c.parameter}
              onChange={(v) => {
                const next = props.parameters.find((p) => p.name === v);
                const op = next && !next.operators.includes(c.operator) ? (next.operators[0] ?? "") : c.operator;
                set(i, { parameter: v, operator: op });
              }}
              error={props.problems.get(path("parameter"))}
              options={[
                ...(parameter ? [] : [{ id: c.parameter, label: c.parameter }]),
                ...props.parameters.map((p) => ({ id: p.name, label: x.parameters[p.name] ?? p.label })),
              ]}
            />
            <SelectField
              id={fieldId(path("operator"))}
              label={x.operator}
              value={c.operator}
              onChange={(v) => set(i, { operator: v })}
              error={props.problems.get(path("operator"))}
              options={operators.map((o) => ({ id: o, label: x.operators[o] ?? o }))}
            />
            {takesValue(c.operator) && (
              <Field
                id={fieldId(path("value"))}
                label={x.value}
                {...(hint ? { hint } : {})}
                value={c.value}
                onChange={(v) => set(i, { value: v })}
                error={props.problems.get(path("value"))}
              />
            )}
            <Button
              className="button secondary small"
              onPress={() => props.onChange(props.value.filter((_, j) => j !== i))}
            >
              {x.removeCondition(n)}
            </Button>
          </fieldset>
        );
      })}
      {first && (
        <Button
          className="button secondary"
          onPress={() =>
            props.onChange([
              ...props.value,
              { parameter: first.name, operator: first.operators[0] ?? "equals", value: "" },
            ])
          }
        >
          {x.addCondition}
        </Button>
      )}
    </fieldset>
  );
}
