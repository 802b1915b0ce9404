import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../shared/api/client";
import { Field } from "../../../shared/components/Field";
import type { Place } from "../../../shared/router";
import { useTexts } from "../../../shared/texts";
import { EditorPage, useSave } from "../forms/EditorPage";
import {
  Checkbox,
  CodeAndName,
  fieldError,
  linesOf,
  numberOrNull,
  SelectBox,
  SetupForm,
  TextAreaField,
  useFormState,
} from "../forms/forms";
import { departmentsQuery, findByCodeOrId, librariesQuery, printersQuery } from "../forms/queries";
import { formsText } from "../forms/text";
import { Operators } from "./Operators";
import { departmentsText } from "./text";

export const departmentQuery = (id: number) => ({
  queryKey: ["setup", "department", id],
  queryFn: () => unwrap(api.GET("/api/v1/departments/{id}", { params: { path: { id } } })),
});
export type Department = Awaited<ReturnType<ReturnType<typeof departmentQuery>["queryFn"]>>;

/**
 * A department's form: new (`which` null) or an existing one, named in the address by its code
 * (the readiness check's fix addresses) or its id, with its operators once it exists.
 */
export function DepartmentPage({ place, which }: { place: Place; which: string | null }) {
  const d = useTexts(departmentsText);
  const list = useQuery(departmentsQuery);
  const found = which === null ? null : findByCodeOrId(list.data, which);
  return (
    <EditorPage
      place={place}
      id={which === null ? null : (found?.id ?? 0)}
      {...(which !== null && !found ? { lookup: list.data ? ("missing" as const) : ("pending" as const) } : {})}
      list={{ path: "/setup/departments", title: d.title }}
      newTitle={d.createTitle}
      query={departmentQuery(found?.id ?? 0)}
    >
      {(department) => (
        <>
          <DepartmentForm place={place} department={department} />
          {department && <Operators department={department} />}
        </>
      )}
    </EditorPage>
  );
}

const FIELD_IDS: Record<string, string> = {
  code: "dept-code",
  name: "dept-name",
  description: "dept-description",
  work_time_days: "dept-work-time",
  map_url: "dept-map-url",
  default_printer: "dept-printer",
  owner_level: "dept-level-institution",
  owner_library_id: "dept-library",
  served_libraries: "dept-serves-all",
  "contact_info.addresses": "dept-line1",
  "contact_info.phones": "dept-phones",
  "contact_info.emails": "dept-emails",
};

function initialValues(dep: Department | null) {
  const address = dep?.contact_info.addresses[0];
  return {
    code: dep?.code ?? "",
    name: dep?.name ?? "",
    description: dep?.description ?? "",
    workTime: dep ? String(dep.work_time_days) : "",
    mapUrl: dep?.map_url ?? "",
    printer: dep?.default_printer ?? "",
    level: dep?.owner_level ?? "institution",
    ownerLibrary: dep?.owner_library_id ? String(dep.owner_library_id) : "",
    servesAll: dep ? dep.served_libraries.all : true,
    served: dep && !dep.served_libraries.all ? dep.served_libraries.libraries.map((l) => l.id) : [],
    line1: address?.line1 ?? "",
    line2: address?.line2 ?? "",
    city: address?.city ?? "",
    postalCode: address?.postal_code ?? "",
    country: address?.country ?? "",
    phones: dep?.contact_info.phones.join("\n") ?? "",
    emails: dep?.contact_info.emails.join("\n") ?? "",
  };
}
type Values = ReturnType<typeof initialValues>;

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

function bodyOf(v: Values, dep: Department | null) {
  const first = v.line1.trim()
    ? [
        {
          line1: v.line1.trim(),
          line2: orNull(v.line2),
          city: orNull(v.city),
          postal_code: orNull(v.postalCode),
          country: orNull(v.country),
        },
      ]
    : [];
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    description: orNull(v.description),
    work_time_days: numberOrNull(v.workTime) as number,
    map_url: orNull(v.mapUrl),
    default_printer: orNull(v.printer),
    owner_level: v.level,
    ...(v.level === "library"
      ? { owner_library_id: v.ownerLibrary ? Number(v.ownerLibrary) : null }
      : { served_libraries: v.servesAll ? { all: true as const } : v.served }),
    contact_info: {
      // Only the first address is edited here; the others the API may hold are kept.
      addresses: [...first, ...(dep?.contact_info.addresses.slice(1) ?? [])],
      phones: linesOf(v.phones),
      emails: linesOf(v.emails),
    },
  };
}

function DepartmentForm({ place, department }: { place: Place; department: Department | null }) {
  const d = useTexts(departmentsText);
  const f = useTexts(formsText);
  const form = useFormState(initialValues(department));
  const { values: v, set, problems } = form;
  const libraries = useQuery(librariesQuery);
  const printers = useQuery(printersQuery);
  const save = useSave({
    place,
    form,
    existing: department !== null,
    save: () => {
      const body = bodyOf(v, department);
      return department
        ? unwrap(api.PATCH("/api/v1/departments/{id}", { params: { path: { id: department.id } }, body }))
        : unwrap(api.POST("/api/v1/departments", { body }));
    },
    keyOf: (saved) => departmentQuery(saved.id).queryKey,
    lists: [departmentsQuery.queryKey],
    list: departmentsQuery.queryKey,
    pathOf: (saved) => `/setup/departments/${encodeURIComponent(saved.code)}`,
    fieldIds: FIELD_IDS,
    failed: d.saveFailed,
  });
  const err = (id: string) => fieldError(problems, id);
  const toggleServed = (id: number, on: boolean) =>
    set("served")(on ? [...v.served, id] : v.served.filter((x) => x !== id));
  return (
    <SetupForm
      label={d.formLabel}
      problems={problems}
      saving={save.isPending}
      savedMessage={form.saved}
      submitLabel={department ? f.save : f.create}
      onSubmit={() => save.mutate()}
    >
      <CodeAndName prefix="dept" values={v} set={set} problems={problems} />
      <TextAreaField
        id="dept-description"
        label={f.description}
        value={v.description}
        onChange={set("description")}
        error={err("dept-description")}
      />
      <div id="work-time" />
      <Field
        id="dept-work-time"
        label={d.workTimeLabel}
        hint={d.workTimeHint}
        value={v.workTime}
        onChange={set("workTime")}
        error={err("dept-work-time")}
      />
      <Field
        id="dept-map-url"
        label={d.mapUrl}
        hint={d.mapUrlHint}
        value={v.mapUrl}
        onChange={set("mapUrl")}
        error={err("dept-map-url")}
      />
      <div id="printer" />
      <SelectBox
        id="dept-printer"
        error={err("dept-printer")}
        label={d.defaultPrinter}
        value={v.printer}
        onChange={set("printer")}
        options={[
          { id: "", label: d.noPrinter },
          ...(printers.data ?? []).map((p) => ({ id: p.code, label: `${p.name} (${p.code})` })),
        ]}
      />
      <fieldset className="fieldset">
        <legend className="label">{d.ownerLevel}</legend>
        {(["institution", "library"] as const).map((level) => (
          <div className="tick-row" key={level}>
            <input
              type="radio"
              name="dept-level"
              id={`dept-level-${level}`}
              checked={v.level === level}
              onChange={() => set("level")(level)}
            />
            <label htmlFor={`dept-level-${level}`}>
              {level === "institution" ? d.institutionLevel : d.libraryLevel}
            </label>
          </div>
        ))}
      </fieldset>
      {v.level === "library" ? (
        <>
          <SelectBox
            id="dept-library"
            error={err("dept-library")}
            label={d.ownerLibrary}
            value={v.ownerLibrary}
            onChange={set("ownerLibrary")}
            options={[
              { id: "", label: d.chooseLibrary },
              ...(libraries.data ?? []).map((l) => ({ id: String(l.id), label: l.name })),
            ]}
          />
        </>
      ) : (
        <fieldset className="fieldset">
          <legend className="label">{d.servedLibraries}</legend>
          <Checkbox
            id="dept-serves-all"
            label={d.servesAll}
            checked={v.servesAll}
            onChange={set("servesAll")}
            error={err("dept-serves-all")}
          />
          {!v.servesAll &&
            (libraries.data ?? []).map((l) => (
              <Checkbox
                key={l.id}
                id={`dept-serves-${l.id}`}
                label={`${l.name} (${l.code})`}
                checked={v.served.includes(l.id)}
                onChange={(on) => toggleServed(l.id, on)}
              />
            ))}
        </fieldset>
      )}
      <fieldset className="fieldset">
        <legend>
          <h2>{d.contact}</h2>
        </legend>
        <Field
          id="dept-line1"
          label={d.addressLine1}
          value={v.line1}
          onChange={set("line1")}
          error={err("dept-line1")}
        />
        <Field id="dept-line2" label={d.addressLine2} value={v.line2} onChange={set("line2")} />
        <Field id="dept-city" label={d.city} value={v.city} onChange={set("city")} />
        <Field id="dept-postal-code" label={d.postalCode} value={v.postalCode} onChange={set("postalCode")} />
        <Field id="dept-country" label={d.country} value={v.country} onChange={set("country")} />
        <TextAreaField
          id="dept-phones"
          label={d.phones}
          hint={d.onePerLine}
          value={v.phones}
          onChange={set("phones")}
          error={err("dept-phones")}
        />
        <TextAreaField
          id="dept-emails"
          label={d.emails}
          hint={d.onePerLine}
          value={v.emails}
          onChange={set("emails")}
          error={err("dept-emails")}
        />
      </fieldset>
    </SetupForm>
  );
}
