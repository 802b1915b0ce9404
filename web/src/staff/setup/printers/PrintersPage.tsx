import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { Link } from "react-aria-components";
import { api, unwrap } from "../../../shared/api/client";
import { Field } from "../../../shared/components/Field";
import { Page } from "../../../shared/components/Page";
import { LoadFailed } from "../../../shared/components/Status";
import { useI18n } from "../../../shared/i18n";
import type { Place } from "../../../shared/router";
import { useTexts } from "../../../shared/texts";
import { staffPath } from "../../screens";
import { EditorPage, useSave } from "../forms/EditorPage";
import { AreaGate, CodeAndName, fieldError, SetupForm, TextAreaField, useFormState } from "../forms/forms";
import { printersQuery } from "../forms/queries";
import { formsText } from "../forms/text";
import { printersText } from "./text";

/** /staff/setup/printers, /new and /<id>. */
export function printerPages(place: Place, rest: string): ReactElement | null {
  const m = /^\/(new|\d+)$/.exec(rest);
  if (rest !== "" && !m) return null;
  return (
    <AreaGate area="organisation">
      {m ? <PrinterPage place={place} id={m[1] === "new" ? null : Number(m[1])} /> : <PrintersPage place={place} />}
    </AreaGate>
  );
}

function PrintersPage({ place }: { place: Place }) {
  const p = useTexts(printersText);
  const f = useTexts(formsText);
  const { t } = useI18n();
  const printers = useQuery(printersQuery);
  return (
    <Page title={p.title}>
      <p className="lead">{p.intro}</p>
      <p className="setup-actions">
        <Link className="button" href={staffPath(place, "/setup/printers/new")}>
          {p.newPrinter}
        </Link>
      </p>
      {printers.isPending && <p className="loading">{t.loading}</p>}
      {printers.isError && <LoadFailed retry={() => void printers.refetch()} />}
      {printers.data?.length === 0 && <p>{p.noPrinters}</p>}
      {printers.data && printers.data.length > 0 && (
        <table className="setup-table">
          <thead>
            <tr>
              <th scope="col">{f.name}</th>
              <th scope="col">{p.method}</th>
            </tr>
          </thead>
          <tbody>
            {printers.data.map((printer) => (
              <tr key={printer.id}>
                <td>
                  <Link href={staffPath(place, `/setup/printers/${printer.id}`)}>{printer.name}</Link> ({printer.code})
                </td>
                <td data-label={p.method}>
                  {printer.print_method === "email" ? `${p.byEmail}: ${printer.email ?? ""}` : p.queue}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

const printerQuery = (id: number) => ({
  queryKey: ["setup", "printer", id],
  queryFn: () => unwrap(api.GET("/api/v1/printers/{id}", { params: { path: { id } } })),
});
type Printer = Awaited<ReturnType<ReturnType<typeof printerQuery>["queryFn"]>>;

const FIELD_IDS = {
  code: "printer-code",
  name: "printer-name",
  description: "printer-description",
  email: "printer-email",
};

function PrinterPage({ place, id }: { place: Place; id: number | null }) {
  const p = useTexts(printersText);
  return (
    <EditorPage
      place={place}
      id={id}
      list={{ path: "/setup/printers", title: p.title }}
      newTitle={p.newPrinter}
      query={printerQuery(id ?? 0)}
    >
      {(printer) => <PrinterForm place={place} printer={printer} />}
    </EditorPage>
  );
}

function PrinterForm({ place, printer }: { place: Place; printer: Printer | null }) {
  const p = useTexts(printersText);
  const f = useTexts(formsText);
  const form = useFormState({
    code: printer?.code ?? "",
    name: printer?.name ?? "",
    description: printer?.description ?? "",
    email: printer?.email ?? "",
  });
  const { values: v, set, problems } = form;
  const save = useSave({
    place,
    form,
    existing: printer !== null,
    save: () => {
      const body = {
        code: v.code.trim(),
        name: v.name.trim(),
        description: v.description.trim() || null,
        email: v.email.trim() || null,
      };
      return printer
        ? unwrap(api.PATCH("/api/v1/printers/{id}", { params: { path: { id: printer.id } }, body }))
        : unwrap(api.POST("/api/v1/printers", { body }));
    },
    keyOf: (saved) => printerQuery(saved.id).queryKey,
    lists: [printersQuery.queryKey],
    pathOf: (saved) => `/setup/printers/${saved.id}`,
    fieldIds: FIELD_IDS,
    failed: p.saveFailed,
  });
  const err = (id: string) => fieldError(problems, id);
  return (
    <SetupForm
      label={p.formLabel}
      problems={problems}
      saving={save.isPending}
      savedMessage={form.saved}
      submitLabel={printer ? f.save : f.create}
      onSubmit={() => save.mutate()}
    >
      <CodeAndName prefix="printer" values={v} set={set} problems={problems} />
      <TextAreaField
        id="printer-description"
        label={f.description}
        value={v.description}
        onChange={set("description")}
        error={err("printer-description")}
      />
      <Field
        id="printer-email"
        label={p.email}
        hint={p.emailHint}
        value={v.email}
        onChange={set("email")}
        error={err("printer-email")}
      />
    </SetupForm>
  );
}
