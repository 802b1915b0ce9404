import { useState } from "react";
import type { paths } from "../../../shared/api/schema";
import { Page } from "../../../shared/components/Page";
import { useI18n } from "../../../shared/i18n";
import { useTexts } from "../../../shared/texts";
import { AreaGate, Checkbox, fieldError, SetupForm, useFormState } from "../forms/forms";
import { FilePicker } from "./FilePicker";
import { sendFiles, useFileSubmit } from "./send-files";
import { loadingText } from "./text";

type Report = paths["/api/v1/users/imports"]["post"]["responses"][200]["content"]["application/json"];

const FIELDS = { file: "patrons-file" };

/** /staff/setup/patrons: loading patrons from the campus systems (docs/user-import.md). */
export function patronPages(_place: unknown, rest: string) {
  if (rest !== "") return null;
  return (
    <AreaGate area="people">
      <PatronsPage />
    </AreaGate>
  );
}

function PatronsPage() {
  const x = useTexts(loadingText);
  const { number } = useI18n();
  const form = useFormState({ files: [] as File[], dryRun: false, expireMissing: false });
  const [report, setReport] = useState<Report | null>(null);
  const n = (v: number) => number(v);
  const { saving, submit } = useFileSubmit(
    form,
    FIELDS.file,
    x,
    (files) =>
      sendFiles<Report>(
        "/api/v1/users/imports",
        { dry_run: String(form.values.dryRun), expire_missing: String(form.values.expireMissing) },
        files,
      ),
    (r) => {
      setReport(r);
      const counts = [n(r.created), n(r.updated), n(r.unchanged), n(r.expired)] as const;
      return r.dry_run ? x.wouldResult(...counts) : x.patronResult(...counts);
    },
  );
  return (
    <Page title={x.patronsTitle}>
      <p className="lead">{x.patronsIntro}</p>
      <SetupForm
        label={x.patronsTitle}
        problems={form.problems}
        saving={saving}
        savedMessage={form.saved}
        submitLabel={x.loadPatrons}
        onSubmit={() => void submit(form.values.files)}
      >
        <FilePicker
          id={FIELDS.file}
          label={x.patronFiles}
          hint={x.patronHint}
          accept=".csv,.xml,text/csv,application/xml,text/xml"
          multiple
          error={fieldError(form.problems, FIELDS.file)}
          onChange={form.set("files")}
        />
        <Checkbox id="patrons-dry-run" label={x.dryRun} checked={form.values.dryRun} onChange={form.set("dryRun")} />
        <Checkbox
          id="patrons-expire"
          label={x.expireMissing}
          checked={form.values.expireMissing}
          onChange={form.set("expireMissing")}
        />
      </SetupForm>
      {report && report.problems.length > 0 && (
        <section aria-labelledby="patrons-left-out">
          <h2 id="patrons-left-out">{x.leftOut(n(report.skipped), n(report.records))}</h2>
          <table className="setup-table">
            <thead>
              <tr>
                <th scope="col">{x.file}</th>
                <th scope="col">{x.row}</th>
                <th scope="col">{x.field}</th>
                <th scope="col">{x.reason}</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((p, i) => (
                <tr key={`${p.file}:${p.row}:${i}`}>
                  <td data-label={x.file}>{p.file}</td>
                  <td data-label={x.row}>{p.row === 0 ? x.wholeFile : n(p.row)}</td>
                  <td data-label={x.field}>{p.field ?? ""}</td>
                  <td data-label={x.reason}>{p.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Page>
  );
}
