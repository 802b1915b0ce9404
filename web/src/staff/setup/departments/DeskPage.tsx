import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../shared/api/client";
import { Field } from "../../../shared/components/Field";
import type { Place } from "../../../shared/router";
import { useTexts } from "../../../shared/texts";
import { EditorPage, useSave } from "../forms/EditorPage";
import { Checkbox, CodeAndName, fieldError, numberOrNull, SetupForm, useFormState } from "../forms/forms";
import { findByCodeOrId, librariesQuery, type Library } from "../forms/queries";
import { formsText } from "../forms/text";
import { departmentsText } from "./text";

const deskQuery = (id: number) => ({
  queryKey: ["setup", "desk", id],
  queryFn: () => unwrap(api.GET("/api/v1/desks/{id}", { params: { path: { id } } })),
});
type Desk = Awaited<ReturnType<ReturnType<typeof deskQuery>["queryFn"]>>;

export const desksQuery = (libraryId: number) => ({
  queryKey: ["setup", "desks", libraryId],
  queryFn: async () =>
    (await unwrap(api.GET("/api/v1/libraries/{id}/desks", { params: { path: { id: libraryId } } }))).desks,
});

/** A desk's address under its library, by codes: the readiness check's fix addresses are these. */
export const deskPath = (library: { code: string }, desk: { code: string } | null) =>
  `/setup/libraries/${encodeURIComponent(library.code)}/desks/${desk ? encodeURIComponent(desk.code) : "new"}`;

/**
 * A circulation desk: whether it supports digitization, and its work time when it does. The
 * address names its library and itself by code (or id); `which` null is a new desk of the library.
 */
export function DeskPage({ place, libraryWhich, which }: { place: Place; libraryWhich: string; which: string | null }) {
  const d = useTexts(departmentsText);
  const libraries = useQuery(librariesQuery);
  const library = findByCodeOrId(libraries.data, libraryWhich);
  const desks = useQuery({ ...desksQuery(library?.id ?? 0), enabled: library !== undefined });
  const found = which === null ? null : findByCodeOrId(desks.data, which);
  const lookup =
    libraries.data && !library
      ? "missing"
      : which === null
        ? library
          ? null
          : "pending"
        : found
          ? null
          : desks.data
            ? "missing"
            : "pending";
  return (
    <EditorPage
      place={place}
      id={which === null && library ? null : (found?.id ?? 0)}
      {...(lookup ? { lookup } : {})}
      list={{ path: "/setup/departments", title: d.title }}
      newTitle={d.deskTitle}
      query={deskQuery(found?.id ?? 0)}
    >
      {(desk) =>
        library && (
          <>
            <p>
              {d.library}: {library.name}
            </p>
            <DeskForm place={place} desk={desk} library={library} />
            <p id="operators">{d.deskOperators}</p>
          </>
        )
      }
    </EditorPage>
  );
}

const FIELD_IDS: Record<string, string> = {
  code: "desk-code",
  name: "desk-name",
  "digitization.supports_digitization": "desk-digitization",
  digitization: "desk-work-time",
};

function DeskForm({ place, desk, library }: { place: Place; desk: Desk | null; library: Library }) {
  const d = useTexts(departmentsText);
  const f = useTexts(formsText);
  const form = useFormState({
    code: desk?.code ?? "",
    name: desk?.name ?? "",
    digitization: desk?.digitization.supports_digitization ?? false,
    workTime: desk?.digitization.work_time_days === null || !desk ? "" : String(desk.digitization.work_time_days),
  });
  const { values: v, set, problems } = form;
  const save = useSave({
    place,
    form,
    existing: desk !== null,
    save: () => {
      const body = {
        code: v.code.trim(),
        name: v.name.trim(),
        digitization: { supports_digitization: v.digitization, work_time_days: numberOrNull(v.workTime) },
      };
      return desk
        ? unwrap(api.PATCH("/api/v1/desks/{id}", { params: { path: { id: desk.id } }, body }))
        : unwrap(api.POST("/api/v1/libraries/{id}/desks", { params: { path: { id: library.id } }, body }));
    },
    keyOf: (saved) => deskQuery(saved.id).queryKey,
    lists: [desksQuery(library.id).queryKey],
    list: desksQuery(library.id).queryKey,
    pathOf: (saved) => deskPath(library, saved),
    fieldIds: FIELD_IDS,
    failed: d.saveFailed,
  });
  const err = (id: string) => fieldError(problems, id);
  return (
    <SetupForm
      label={d.deskFormLabel}
      problems={problems}
      saving={save.isPending}
      savedMessage={form.saved}
      submitLabel={desk ? f.save : f.create}
      onSubmit={() => save.mutate()}
    >
      <CodeAndName prefix="desk" values={v} set={set} problems={problems} />
      <Checkbox
        id="desk-digitization"
        label={d.supportsDigitization}
        checked={v.digitization}
        onChange={set("digitization")}
        error={err("desk-digitization")}
      />
      <div id="work-time" />
      <Field
        id="desk-work-time"
        label={d.workTimeLabel}
        hint={d.deskWorkTimeHint}
        value={v.workTime}
        onChange={set("workTime")}
        error={err("desk-work-time")}
      />
    </SetupForm>
  );
}
