import { Button } from "react-aria-components";
import { Field } from "../../../shared/components/Field";
import { SelectField } from "../../../shared/components/SelectField";
import { useTexts } from "../../../shared/texts";
import { emptyGroup, emptyStaff, fieldId, type GroupRow, type StaffRow } from "./plan-form";
import { Fieldset, Tick, type QuestionProps } from "./controls";
import { planningText } from "./text";

/** Questions 4 and 6: the user groups that may request, and how many requests each may have open. */
export function GroupsQuestion({ form, change, errorOf }: QuestionProps) {
  const x = useTexts(planningText);
  const set = (i: number, patch: Partial<GroupRow>) =>
    change({ groups: form.groups.map((g, j) => (j === i ? { ...g, ...patch } : g)) });
  return (
    <Fieldset legend={x.q4} hint={x.q4Hint} id={fieldId("user_groups")} error={errorOf("user_groups")}>
      {form.groups.map((g, i) => (
        <div className="plan-item" key={i} role="group" aria-label={x.groupN(i + 1)}>
          <div className="plan-row">
            <Field
              id={fieldId(`user_groups.${i}.code`)}
              label={x.groupCode}
              value={g.code}
              onChange={(v) => set(i, { code: v })}
              error={errorOf(`user_groups.${i}.code`)}
            />
            <Field
              id={fieldId(`user_groups.${i}.name`)}
              label={x.groupName}
              value={g.name}
              onChange={(v) => set(i, { name: v })}
              error={errorOf(`user_groups.${i}.name`)}
            />
            {g.mayRequest && (
              <Field
                id={fieldId(`user_groups.${i}.max_requests`)}
                label={x.maxRequests}
                value={g.max}
                onChange={(v) => set(i, { max: v })}
                error={errorOf(`user_groups.${i}.max_requests`)}
                inputClassName="input narrow"
              />
            )}
          </div>
          <Tick
            id={`plan-user_groups-${i}-may_request`}
            label={x.mayRequest}
            checked={g.mayRequest}
            onChange={(v) => set(i, { mayRequest: v })}
          />
          {form.groups.length > 1 && (
            <Button
              className="link-button"
              aria-label={`${x.remove}: ${x.groupN(i + 1)}`}
              onPress={() => change({ groups: form.groups.filter((_, j) => j !== i) })}
            >
              {x.remove}
            </Button>
          )}
        </div>
      ))}
      <Button className="button secondary" onPress={() => change({ groups: [...form.groups, emptyGroup()] })}>
        {x.addGroup}
      </Button>
    </Fieldset>
  );
}

/** Question 7: who does which part of the work; each part is a role at the places planned above. */
export function StaffQuestion(
  props: QuestionProps & { users: { id: number; primary_id: string; first_name: string; last_name: string }[] },
) {
  const x = useTexts(planningText);
  const { form, change, errorOf } = props;
  const set = (i: number, patch: Partial<StaffRow>) =>
    change({ staff: form.staff.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const options = [
    { id: "", label: x.choosePerson },
    ...props.users.map((u) => ({
      id: String(u.id),
      label: `${[u.first_name, u.last_name].filter(Boolean).join(" ")} (${u.primary_id})`,
    })),
  ];
  return (
    <Fieldset legend={x.q7} hint={x.q7Hint} id={fieldId("staff")} error={errorOf("staff")}>
      {form.staff.map((s, i) => (
        <div className="plan-item" key={i} role="group" aria-label={x.personN(i + 1)}>
          {errorOf(`staff.${i}.user_id`) && <p className="field-error">{errorOf(`staff.${i}.user_id`)}</p>}
          <SelectField
            id={fieldId(`staff.${i}.user_id`)}
            label={x.person}
            value={s.userId}
            onChange={(v) => set(i, { userId: v })}
            options={options}
          />
          <Tick id={`plan-staff-${i}-scans`} label={x.scans} checked={s.scans} onChange={(v) => set(i, { scans: v })} />
          <Tick
            id={`plan-staff-${i}-approves`}
            label={x.approves}
            checked={s.approves}
            onChange={(v) => set(i, { approves: v })}
          />
          <Tick
            id={`plan-staff-${i}-requests`}
            label={x.requestsForPatrons}
            checked={s.requestsForPatrons}
            onChange={(v) => set(i, { requestsForPatrons: v })}
          />
          <Tick id={`plan-staff-${i}-picks`} label={x.picks} checked={s.picks} onChange={(v) => set(i, { picks: v })} />
          <Button
            className="link-button"
            aria-label={`${x.remove}: ${x.personN(i + 1)}`}
            onPress={() => change({ staff: form.staff.filter((_, j) => j !== i) })}
          >
            {x.remove}
          </Button>
        </div>
      ))}
      <Button className="button secondary" onPress={() => change({ staff: [...form.staff, emptyStaff()] })}>
        {x.addPerson}
      </Button>
    </Fieldset>
  );
}
