import { useQueries, useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { Link } from "react-aria-components";
import { api, unwrap } from "../../../shared/api/client";
import { Page } from "../../../shared/components/Page";
import { LoadFailed } from "../../../shared/components/Status";
import { useI18n } from "../../../shared/i18n";
import type { Place } from "../../../shared/router";
import { useTexts } from "../../../shared/texts";
import { staffPath } from "../../screens";
import { EditorPage, useSave } from "../forms/EditorPage";
import { AreaGate, Checkbox, CodeAndName, fieldError, SelectBox, SetupForm, useFormState } from "../forms/forms";
import { librariesQuery, termsQuery } from "../forms/queries";
import { formsText } from "../forms/text";
import { unitsText } from "./text";

/** /staff/setup/fulfillment-units, /new and /<id>; each unit's rules are the rule editor's, at /rules/fulfillment_unit:<id>. */
export function fulfillmentUnitPages(place: Place, rest: string): ReactElement | null {
  const m = /^\/(new|\d+)$/.exec(rest);
  if (rest !== "" && !m) return null;
  return (
    <AreaGate area="fulfillment">
      {m ? <UnitPage place={place} id={m[1] === "new" ? null : Number(m[1])} /> : <UnitsPage place={place} />}
    </AreaGate>
  );
}

const unitsQuery = {
  queryKey: ["setup", "fulfillment-units"],
  queryFn: async () => (await unwrap(api.GET("/api/v1/fulfillment-units"))).fulfillment_units,
};
const unitQuery = (id: number) => ({
  queryKey: ["setup", "fulfillment-unit", id],
  queryFn: () => unwrap(api.GET("/api/v1/fulfillment-units/{id}", { params: { path: { id } } })),
});
type Unit = Awaited<ReturnType<ReturnType<typeof unitQuery>["queryFn"]>>;

const rulesPath = (id: number) => `/setup/rules/fulfillment_unit:${id}`;

function UnitsPage({ place }: { place: Place }) {
  const u = useTexts(unitsText);
  const f = useTexts(formsText);
  const { t } = useI18n();
  const units = useQuery(unitsQuery);
  return (
    <Page title={u.title}>
      <p className="lead">{u.intro}</p>
      <p className="setup-actions">
        <Link className="button" href={staffPath(place, "/setup/fulfillment-units/new")}>
          {u.newUnit}
        </Link>
      </p>
      {units.isPending && <p className="loading">{t.loading}</p>}
      {units.isError && <LoadFailed retry={() => void units.refetch()} />}
      {units.data?.length === 0 && <p>{u.noUnits}</p>}
      {units.data && units.data.length > 0 && (
        <table className="setup-table">
          <thead>
            <tr>
              <th scope="col">{f.name}</th>
              <th scope="col">{u.locations}</th>
              <th scope="col">{u.defaultTerms}</th>
              <th scope="col">{f.actions}</th>
            </tr>
          </thead>
          <tbody>
            {units.data.map((unit) => (
              <tr key={unit.id}>
                <td>
                  <Link href={staffPath(place, `/setup/fulfillment-units/${unit.id}`)}>{unit.name}</Link> ({unit.code})
                </td>
                <td data-label={u.locations}>
                  {unit.locations.length === 0
                    ? u.noLocations
                    : unit.locations.map((l) => `${l.library_code}/${l.code}`).join(", ")}
                </td>
                <td data-label={u.defaultTerms}>{unit.default_terms_of_use ?? f.none}</td>
                <td>
                  <Link href={staffPath(place, rulesPath(unit.id))}>
                    {u.editRules}
                    <span className="visually-hidden"> – {unit.name}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

function UnitPage({ place, id }: { place: Place; id: number | null }) {
  const u = useTexts(unitsText);
  return (
    <EditorPage
      place={place}
      id={id}
      list={{ path: "/setup/fulfillment-units", title: u.title }}
      newTitle={u.newUnit}
      query={unitQuery(id ?? 0)}
    >
      {(unit) => (
        <>
          {unit && (
            <p>
              <Link href={staffPath(place, rulesPath(unit.id))}>{u.rules(unit.name)}</Link>
            </p>
          )}
          <UnitForm place={place} unit={unit} />
        </>
      )}
    </EditorPage>
  );
}

const FIELD_IDS = {
  code: "unit-code",
  name: "unit-name",
  default_terms_of_use: "unit-terms",
  location_ids: "unit-locations",
};

function UnitForm({ place, unit }: { place: Place; unit: Unit | null }) {
  const u = useTexts(unitsText);
  const f = useTexts(formsText);
  const form = useFormState({
    code: unit?.code ?? "",
    name: unit?.name ?? "",
    terms: "",
    locations: unit?.locations.map((l) => l.id) ?? [],
  });
  const { values: v, set, problems } = form;
  const terms = useQuery(termsQuery);
  const save = useSave({
    place,
    form,
    existing: unit !== null,
    save: () => {
      const body = { code: v.code.trim(), name: v.name.trim(), location_ids: v.locations };
      return unit
        ? unwrap(api.PATCH("/api/v1/fulfillment-units/{id}", { params: { path: { id: unit.id } }, body }))
        : unwrap(api.POST("/api/v1/fulfillment-units", { body: { ...body, default_terms_of_use: v.terms } }));
    },
    keyOf: (saved) => unitQuery(saved.id).queryKey,
    lists: [unitsQuery.queryKey],
    pathOf: (saved) => `/setup/fulfillment-units/${saved.id}`,
    fieldIds: FIELD_IDS,
    failed: u.saveFailed,
  });
  const toggle = (id: number, on: boolean) =>
    set("locations")(on ? [...v.locations, id] : v.locations.filter((x) => x !== id));
  return (
    <SetupForm
      label={u.formLabel}
      problems={problems}
      saving={save.isPending}
      savedMessage={form.saved}
      submitLabel={unit ? f.save : f.create}
      onSubmit={() => save.mutate()}
    >
      <CodeAndName prefix="unit" values={v} set={set} problems={problems} />
      {unit ? (
        <p>
          {u.defaultTerms}: {unit.default_terms_of_use ?? f.none}. {u.defaultTermsLater}
        </p>
      ) : (
        <SelectBox
          id="unit-terms"
          label={u.defaultTerms}
          value={v.terms}
          onChange={set("terms")}
          error={fieldError(problems, "unit-terms")}
          options={[
            { id: "", label: u.chooseTerms },
            ...(terms.data ?? []).map((x) => ({ id: x.code, label: `${x.name} (${x.code})` })),
          ]}
        />
      )}
      <LocationChoice chosen={v.locations} toggle={toggle} error={fieldError(problems, "unit-locations")} />
    </SetupForm>
  );
}

/** Every library's locations, a group of checkboxes each. */
function LocationChoice(props: { chosen: number[]; toggle(id: number, on: boolean): void; error: string | undefined }) {
  const u = useTexts(unitsText);
  const libraries = useQuery(librariesQuery);
  const locations = useQueries({
    queries: (libraries.data ?? []).map((l) => ({
      queryKey: ["setup", "locations", l.id],
      queryFn: async () =>
        (await unwrap(api.GET("/api/v1/libraries/{id}/locations", { params: { path: { id: l.id } } }))).locations,
    })),
  });
  return (
    <div id="unit-locations" tabIndex={-1}>
      {props.error && <p className="field-error">{props.error}</p>}
      {(libraries.data ?? []).map((library, i) =>
        locations[i]?.data?.length ? (
          <fieldset className="fieldset" key={library.id}>
            <legend className="label">{u.libraryLocations(library.name)}</legend>
            {(locations[i]?.data ?? []).map((l) => (
              <Checkbox
                key={l.id}
                id={`unit-location-${l.id}`}
                label={`${l.name} (${l.code})`}
                checked={props.chosen.includes(l.id)}
                onChange={(on) => props.toggle(l.id, on)}
              />
            ))}
          </fieldset>
        ) : null,
      )}
    </div>
  );
}
