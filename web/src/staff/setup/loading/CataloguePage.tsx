import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../shared/api/client";
import type { paths } from "../../../shared/api/schema";
import { Page } from "../../../shared/components/Page";
import { LoadFailed } from "../../../shared/components/Status";
import { useI18n } from "../../../shared/i18n";
import { useTexts } from "../../../shared/texts";
import { AreaGate, Checkbox, fieldError, SelectBox, SetupForm, useFormState } from "../forms/forms";
import { FilePicker } from "./FilePicker";
import { sendFiles, useFileSubmit } from "./send-files";
import { loadingText } from "./text";

type Import = paths["/api/v1/catalogue/imports/{id}"]["get"]["responses"][200]["content"]["application/json"];

const FIELDS = { file: "catalogue-file", profile: "catalogue-profile" };
const PROFILES = ["evergreen", "marc21"];

const running = (i: Import) => i.status === "QUEUED" || i.status === "RUNNING";

const importsQuery = queryOptions({
  queryKey: ["setup", "catalogue-imports"],
  queryFn: () => unwrap(api.GET("/api/v1/catalogue/imports")),
  // an import runs in the background: follow it while one is under way
  refetchInterval: (q) => (q.state.data?.imports.some(running) ? 2000 : false),
});

/** /staff/setup/catalogue: MARC records with their items, imported by the worker. */
export function cataloguePages(_place: unknown, rest: string) {
  if (rest !== "") return null;
  return (
    <AreaGate area="catalogue">
      <CataloguePage />
    </AreaGate>
  );
}

function CataloguePage() {
  const x = useTexts(loadingText);
  const { t } = useI18n();
  const client = useQueryClient();
  const imports = useQuery(importsQuery);
  const form = useFormState({ files: [] as File[], profile: "evergreen", createMissing: false, dryRun: false });
  const { saving, submit } = useFileSubmit(
    form,
    FIELDS.file,
    x,
    (files) =>
      sendFiles<Import>(
        "/api/v1/catalogue/imports",
        {
          profile: form.values.profile,
          dry_run: String(form.values.dryRun),
          create_missing: String(form.values.createMissing),
        },
        files.slice(0, 1),
      ),
    (started) => {
      void client.invalidateQueries({ queryKey: importsQuery.queryKey });
      return x.started(started.files.join(", "));
    },
    FIELDS,
  );
  return (
    <Page title={x.catalogueTitle}>
      <p className="lead">{x.catalogueIntro}</p>
      <SetupForm
        label={x.catalogueTitle}
        problems={form.problems}
        saving={saving}
        savedMessage={form.saved}
        submitLabel={x.startImport}
        onSubmit={() => void submit(form.values.files)}
      >
        <FilePicker
          id={FIELDS.file}
          label={x.marcFile}
          hint={x.marcHint}
          accept=".mrc,.marc,.dat,.xml,application/marc,application/xml,text/xml"
          error={fieldError(form.problems, FIELDS.file)}
          onChange={form.set("files")}
        />
        <SelectBox
          id={FIELDS.profile}
          label={x.profile}
          value={form.values.profile}
          options={PROFILES.map((p) => ({ id: p, label: x.profiles[p] ?? p }))}
          error={fieldError(form.problems, FIELDS.profile)}
          onChange={form.set("profile")}
        />
        <Checkbox
          id="catalogue-create-missing"
          label={x.createMissing}
          checked={form.values.createMissing}
          onChange={form.set("createMissing")}
        />
        <Checkbox id="catalogue-dry-run" label={x.dryRun} checked={form.values.dryRun} onChange={form.set("dryRun")} />
      </SetupForm>
      <section aria-labelledby="catalogue-imports">
        <h2 id="catalogue-imports">{x.imports}</h2>
        {imports.isPending && <p className="loading">{t.loading}</p>}
        {imports.isError && <LoadFailed retry={() => void imports.refetch()} />}
        {imports.data?.imports.length === 0 && <p>{x.noImports}</p>}
        {imports.data && imports.data.imports.length > 0 && <ImportsTable imports={imports.data.imports} />}
      </section>
    </Page>
  );
}

function ImportsTable({ imports }: { imports: Import[] }) {
  const x = useTexts(loadingText);
  const { number } = useI18n();
  const n = (v: number) => number(v);
  return (
    <table className="setup-table">
      <thead>
        <tr>
          <th scope="col">{x.file}</th>
          <th scope="col">{x.status}</th>
          <th scope="col">{x.progress}</th>
          <th scope="col">{x.result}</th>
        </tr>
      </thead>
      <tbody>
        {imports.map((i) => {
          const r = i.report;
          return (
            <tr key={i.id}>
              <td data-label={x.file}>
                {i.files.join(", ")}
                {i.dry_run && ` (${x.checkOnly})`}
              </td>
              <td data-label={x.status}>{x.statuses[i.status] ?? i.status}</td>
              <td data-label={x.progress}>
                <progress max={Math.max(i.records_total, 1)} value={i.records_done} aria-hidden="true" />{" "}
                {x.records(n(i.records_done), n(i.records_total))}
              </td>
              <td data-label={x.result}>
                {i.error}
                {r &&
                  x.catalogueResult(
                    n(r.bibs_created + r.bibs_updated),
                    n(r.items_created + r.items_updated),
                    n(r.records_skipped),
                  )}
                {r && r.problems.length > 0 && (
                  <details>
                    <summary>{`${x.problems} (${n(r.problems.length)})`}</summary>
                    <ul>
                      {r.problems.slice(0, 100).map((p, k) => (
                        <li key={k}>
                          {p.record === null ? p.file : x.problemAt(p.file, n(p.record))}: {p.message}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
