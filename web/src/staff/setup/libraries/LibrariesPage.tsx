import { useQuery } from "@tanstack/react-query";
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
import { AreaGate, CodeAndName, SetupForm, useFormState } from "../forms/forms";
import { librariesQuery, type Library } from "../forms/queries";
import { formsText } from "../forms/text";
import { DeskPage } from "../departments/DeskPage";
import { ServedBy } from "./ServedBy";
import { librariesText } from "./text";

/**
 * /staff/setup/libraries, /new and /<id>: the readiness check's fix for a library no place serves;
 * and each library's desks at /<library code>/desks/<desk code> (or /new), as its fix addresses name them.
 */
export function libraryPages(place: Place, rest: string): ReactElement | null {
  const desk = /^\/([^/]+)\/desks\/([^/]+)$/.exec(rest);
  if (desk?.[1] && desk[2]) {
    const which = desk[2] === "new" ? null : decodeURIComponent(desk[2]);
    return (
      <AreaGate area="fulfillment">
        <DeskPage place={place} libraryWhich={decodeURIComponent(desk[1])} which={which} />
      </AreaGate>
    );
  }
  const m = /^\/(new|\d+)$/.exec(rest);
  if (rest !== "" && !m) return null;
  return (
    <AreaGate area="organisation">
      {m ? (
        <LibraryPage place={place} id={m[1] === "new" ? null : Number(m[1])} />
      ) : (
        <LibrariesListPage place={place} />
      )}
    </AreaGate>
  );
}

const libraryQuery = (id: number) => ({
  queryKey: ["setup", "library", id],
  queryFn: () => unwrap(api.GET("/api/v1/libraries/{id}", { params: { path: { id } } })),
});

function LibrariesListPage({ place }: { place: Place }) {
  const l = useTexts(librariesText);
  const f = useTexts(formsText);
  const { t } = useI18n();
  const libraries = useQuery(librariesQuery);
  return (
    <Page title={l.title}>
      <p className="lead">{l.intro}</p>
      <p className="setup-actions">
        <Link className="button" href={staffPath(place, "/setup/libraries/new")}>
          {l.newLibrary}
        </Link>
      </p>
      {libraries.isPending && <p className="loading">{t.loading}</p>}
      {libraries.isError && <LoadFailed retry={() => void libraries.refetch()} />}
      {libraries.data?.length === 0 && <p>{l.noLibraries}</p>}
      {libraries.data && libraries.data.length > 0 && (
        <table className="setup-table">
          <thead>
            <tr>
              <th scope="col">{f.name}</th>
              <th scope="col">{l.servedBy}</th>
            </tr>
          </thead>
          <tbody>
            {libraries.data.map((library) => (
              <tr key={library.id}>
                <td>
                  <Link href={staffPath(place, `/setup/libraries/${library.id}`)}>{library.name}</Link> ({library.code})
                </td>
                <td data-label={l.servedBy}>
                  <ServedBy place={place} library={library} brief />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

function LibraryPage({ place, id }: { place: Place; id: number | null }) {
  const l = useTexts(librariesText);
  return (
    <EditorPage
      place={place}
      id={id}
      list={{ path: "/setup/libraries", title: l.title }}
      newTitle={l.newLibrary}
      query={libraryQuery(id ?? 0)}
    >
      {(library) => (
        <>
          <LibraryForm place={place} library={library} />
          {library && (
            <section aria-labelledby="served-by">
              <h2 id="served-by">{l.servedBy}</h2>
              <ServedBy place={place} library={library} />
            </section>
          )}
        </>
      )}
    </EditorPage>
  );
}

function LibraryForm({ place, library }: { place: Place; library: Library | null }) {
  const l = useTexts(librariesText);
  const f = useTexts(formsText);
  const form = useFormState({ code: library?.code ?? "", name: library?.name ?? "" });
  const { values: v, set, problems } = form;
  const save = useSave({
    place,
    form,
    existing: library !== null,
    save: () => {
      const body = { code: v.code.trim(), name: v.name.trim() };
      return library
        ? unwrap(api.PATCH("/api/v1/libraries/{id}", { params: { path: { id: library.id } }, body }))
        : unwrap(api.POST("/api/v1/libraries", { body }));
    },
    keyOf: (saved) => libraryQuery(saved.id).queryKey,
    lists: [librariesQuery.queryKey],
    pathOf: (saved) => `/setup/libraries/${saved.id}`,
    fieldIds: { code: "library-code", name: "library-name" },
    failed: l.saveFailed,
  });
  return (
    <SetupForm
      label={l.formLabel}
      problems={problems}
      saving={save.isPending}
      savedMessage={form.saved}
      submitLabel={library ? f.save : f.create}
      onSubmit={() => save.mutate()}
    >
      <CodeAndName prefix="library" values={v} set={set} problems={problems} />
    </SetupForm>
  );
}
