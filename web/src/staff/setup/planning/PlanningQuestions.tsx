import { Button } from "react-aria-components";
import { Field } from "../../../shared/components/Field";
import { SelectField } from "../../../shared/components/SelectField";
import { useI18n } from "../../../shared/i18n";
import { useTexts } from "../../../shared/texts";
import { Choice, FieldErrorAbove, Fieldset, Tick, type QuestionProps } from "./controls";
import { emptyLibrary, fieldId, type Mode, type PlanForm } from "./plan-form";
import { GroupsQuestion, StaffQuestion } from "./PlanningPeople";
import { planningText } from "./text";

/** The seven questions in the guide's order, each a fieldset; errors at the field the server names. */
export function PlanningQuestions(
  props: QuestionProps & {
    users: { id: number; primary_id: string; first_name: string; last_name: string }[];
    reasons: { code: string; label: string }[];
  },
) {
  const x = useTexts(planningText);
  const { t } = useI18n();
  const { form, change, errorOf } = props;
  const approving = form.approval || form.copyright;
  return (
    <>
      <Fieldset legend={x.q1} id="plan-place">
        <Choice
          id="plan-place-choice"
          label={x.q1}
          value={form.place}
          onChange={(v) => change({ place: v as PlanForm["place"] })}
          options={[
            ["institution_department", x.placeInstitution, x.placeInstitutionHint],
            ["library_departments", x.placeLibraries, x.placeLibrariesHint],
            ["desks", x.placeDesks, x.placeDesksHint],
          ]}
        />
        <Field
          id={fieldId("work_time_days")}
          label={x.workTime}
          hint={x.workTimeHint}
          value={form.workTime}
          onChange={(v) => change({ workTime: v })}
          error={errorOf("work_time_days")}
          inputClassName="input narrow"
        />
      </Fieldset>
      <LibrariesQuestion {...props} />
      <Fieldset legend={x.printer} hint={x.printerHint} id="plan-printer" error={errorOf("printer")}>
        <div className="plan-row">
          <Field
            id={fieldId("printer.code")}
            label={x.printerCode}
            value={form.printer.code}
            onChange={(v) => change({ printer: { ...form.printer, code: v } })}
            error={errorOf("printer.code")}
          />
          <Field
            id={fieldId("printer.name")}
            label={x.printerName}
            value={form.printer.name}
            onChange={(v) => change({ printer: { ...form.printer, name: v } })}
            error={errorOf("printer.name")}
          />
        </div>
        {/* On a line of its own: an address is longer than a code or a name. */}
        <Field
          id={fieldId("printer.email")}
          label={x.printerEmail}
          value={form.printer.email}
          onChange={(v) => change({ printer: { ...form.printer, email: v } })}
          error={errorOf("printer.email")}
          type="email"
          autoComplete="off"
        />
      </Fieldset>
      <Fieldset legend={x.q23} hint={`${x.q2} ${x.q3}`} id="plan-approval">
        <Tick
          id="plan-approval_required"
          label={x.approvalRequired}
          checked={form.approval}
          onChange={(v) => change({ approval: v })}
        />
        <Tick
          id="plan-copyright_clearance_required"
          label={x.copyrightRequired}
          checked={form.copyright}
          onChange={(v) => change({ copyright: v })}
        />
        {approving && (
          <Choice
            id={fieldId("approval_mode")}
            label={x.mode}
            showLabel
            value={form.mode}
            onChange={(v) => change({ mode: v as Mode })}
            error={errorOf("approval_mode")}
            options={(["parallel", "blocks", "automatic"] as const).map((m) => [m, x.modes[m], undefined])}
          />
        )}
        {approving && form.mode === "automatic" && (
          <FieldErrorAbove error={errorOf("approval_reason")}>
            <SelectField
              id={fieldId("approval_reason")}
              label={x.reason}
              value={form.reason}
              onChange={(v) => change({ reason: v })}
              options={[
                { id: "", label: x.chooseReason },
                ...props.reasons.map((r) => ({ id: r.code, label: r.label })),
              ]}
            />
          </FieldErrorAbove>
        )}
      </Fieldset>
      <GroupsQuestion {...props} />
      <Fieldset legend={x.q5} hint={x.q5Hint} id="plan-excluded_material_types">
        <div className="plan-ticks">
          {(Object.keys(t.materialTypes) as (keyof typeof t.materialTypes)[]).map((m) => (
            <Tick
              key={m}
              id={`plan-material-${m}`}
              label={t.materialTypes[m]}
              checked={form.excluded.includes(m)}
              onChange={(v) => change({ excluded: v ? [...form.excluded, m] : form.excluded.filter((e) => e !== m) })}
            />
          ))}
        </div>
      </Fieldset>
      <Fieldset legend={x.delivery} id="plan-delivery">
        <Choice
          id="plan-delivery-choice"
          label={x.delivery}
          value={form.delivery}
          onChange={(v) => change({ delivery: v as PlanForm["delivery"] })}
          options={[
            ["link", x.deliveryLink, undefined],
            ["attachment", x.deliveryAttachment, undefined],
          ]}
        />
        {form.delivery === "link" && (
          <div className="plan-row">
            <Field
              id={fieldId("max_views")}
              label={x.maxViews}
              value={form.maxViews}
              onChange={(v) => change({ maxViews: v })}
              error={errorOf("max_views")}
              inputClassName="input narrow"
            />
            <Field
              id={fieldId("link_expiry_days")}
              label={x.linkExpiry}
              value={form.linkExpiry}
              onChange={(v) => change({ linkExpiry: v })}
              error={errorOf("link_expiry_days")}
              inputClassName="input narrow"
            />
          </div>
        )}
      </Fieldset>
      <StaffQuestion {...props} />
    </>
  );
}

function LibrariesQuestion({ form, change, errorOf }: QuestionProps) {
  const x = useTexts(planningText);
  const set = (i: number, patch: Partial<PlanForm["libraries"][number]>) =>
    change({ libraries: form.libraries.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
  return (
    <Fieldset legend={x.libraries} hint={x.librariesHint} id="plan-libraries" error={errorOf("libraries")}>
      {form.libraries.map((lib, i) => (
        <div className="plan-item" key={i} role="group" aria-label={x.libraryN(i + 1)}>
          <div className="plan-row">
            <Field
              id={fieldId(`libraries.${i}.code`)}
              label={x.libraryCode}
              value={lib.code}
              onChange={(v) => set(i, { code: v })}
              error={errorOf(`libraries.${i}.code`)}
            />
            <Field
              id={fieldId(`libraries.${i}.name`)}
              label={x.libraryName}
              value={lib.name}
              onChange={(v) => set(i, { name: v })}
              error={errorOf(`libraries.${i}.name`)}
            />
            {form.place === "desks" && (
              <>
                <Field
                  id={fieldId(`libraries.${i}.desk.code`)}
                  label={x.deskCode}
                  value={lib.deskCode}
                  onChange={(v) => set(i, { deskCode: v })}
                  error={errorOf(`libraries.${i}.desk.code`) ?? errorOf(`libraries.${i}.desk`)}
                />
                <Field
                  id={fieldId(`libraries.${i}.desk.name`)}
                  label={x.deskName}
                  value={lib.deskName}
                  onChange={(v) => set(i, { deskName: v })}
                  error={errorOf(`libraries.${i}.desk.name`)}
                />
              </>
            )}
          </div>
          {form.libraries.length > 1 && (
            <Button
              className="link-button"
              aria-label={`${x.remove}: ${x.libraryN(i + 1)}`}
              onPress={() => change({ libraries: form.libraries.filter((_, j) => j !== i) })}
            >
              {x.remove}
            </Button>
          )}
        </div>
      ))}
      <Button className="button secondary" onPress={() => change({ libraries: [...form.libraries, emptyLibrary()] })}>
        {x.addLibrary}
      </Button>
    </Fieldset>
  );
}
