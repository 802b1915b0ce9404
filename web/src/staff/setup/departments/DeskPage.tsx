import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../shared/api/client";
import { Field } from "../../../shared/components/Field";
import type { Place } from "../../../shared/router";
import { useTexts } from "../../../shared/texts";
import { EditorPage, useSave } from "../forms/EditorPage";
import { Checkbox, CodeAndName, fieldError, numberOrNull, SetupForm, useFormState } from "../forms/forms";
import { librariesQuery } from "../forms/queries";
import { formsText } from "../forms/text";
import { departmentsText } from "./text";

const deskQuery = (id: number) => ({
  queryKey: ["setup", "desk", id],
  queryFn: () => unwrap(api.GET("/api/v1/desks/{id}", { params: { path: { id } } })),
});
type Desk = Awaited<ReturnType<ReturnType<typeof deskQuery>["queryFn"]>>;

/** A circulation desk: whether it supports digitization, and its work time when it does. */
export function DeskPage({ place, id }: { place: Place; id: number | null }) {
  const d = useTexts(departmentsText);
  const f = useTexts(formsText);
  const libraries = useQuery(librariesQuery);
  const fromAddress = Number(place.search.get("library"));
  return (
    <EditorPage
      place={place}
      id={id}
      list={{ path: "/setup/departments", title: d.title }}
      newTitle={d.deskTitle}
      query={deskQuery(id ?? 0)}
    >
      {(desk) => {
        const libraryId = desk?.library_id ?? fromAddress;
        const library = libraries.data?.find((l) => l.id === libraryId);
        if (!desk && !(libraryId > 0)) return <p>{f.notFound}</p>;
        return (
          <>
            {library && (
              <p>
                {d.library}: {library.name}
              </p>
            )}
            <DeskForm place={place} desk={desk} libraryId={libraryId} />
          </>
        );
      }}
    </EditorPage>
  );
}

const FIELD_IDS: Record<string, string> = {
  code: "desk-code",
  name: "desk-name",
  "digitization.supports_digitization": "desk-digitization",
  digitization: "desk-work-time",
};

function DeskForm({ place, desk, libraryId }: { place: Place; desk: Desk | null; libraryId: number }) {
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
        : unwrap(api.POST("/api/v1/libraries/{id}/desks", { params: { path: { id: libraryId } }, body }));
    },
    keyOf: (saved) => deskQuery(saved.id).queryKey,
    lists: [["setup", "desks", libraryId]],
    pathOf: (saved) => `/setup/departments/desks/${saved.id}`,
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
