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
import { AreaGate, Checkbox, CodeAndName, fieldError, numberOrNull, SetupForm, useFormState } from "../forms/forms";
import { termsQuery } from "../forms/queries";
import { formsText } from "../forms/text";
import { termsText } from "./text";

/** /staff/setup/terms-of-use, /new and /<id>. */
export function termsOfUsePages(place: Place, rest: string): ReactElement | null {
  const m = /^\/(new|\d+)$/.exec(rest);
  if (rest !== "" && !m) return null;
  return (
    <AreaGate area="fulfillment">
      {m ? <TermsPage place={place} id={m[1] === "new" ? null : Number(m[1])} /> : <TermsListPage place={place} />}
    </AreaGate>
  );
}

const oneTermsQuery = (id: number) => ({
  queryKey: ["setup", "terms", id],
  queryFn: () => unwrap(api.GET("/api/v1/terms-of-use/{id}", { params: { path: { id } } })),
});
type Terms = Awaited<ReturnType<ReturnType<typeof oneTermsQuery>["queryFn"]>>;

function TermsListPage({ place }: { place: Place }) {
  const x = useTexts(termsText);
  const f = useTexts(formsText);
  const { t, number } = useI18n();
  const terms = useQuery(termsQuery);
  return (
    <Page title={x.title}>
      <p className="lead">{x.intro}</p>
      <p className="setup-actions">
        <Link className="button" href={staffPath(place, "/setup/terms-of-use/new")}>
          {x.newTerms}
        </Link>
      </p>
      {terms.isPending && <p className="loading">{t.loading}</p>}
      {terms.isError && <LoadFailed retry={() => void terms.refetch()} />}
      {terms.data?.length === 0 && <p>{x.noTerms}</p>}
      {terms.data && terms.data.length > 0 && (
        <table className="setup-table">
          <thead>
            <tr>
              <th scope="col">{f.name}</th>
              <th scope="col">{x.digitizable}</th>
              <th scope="col">{x.fee}</th>
              <th scope="col">{x.maxPages}</th>
            </tr>
          </thead>
          <tbody>
            {terms.data.map((terms) => (
              <tr key={terms.id}>
                <td>
                  <Link href={staffPath(place, `/setup/terms-of-use/${terms.id}`)}>{terms.name}</Link> ({terms.code})
                </td>
                <td data-label={x.digitizable}>{terms.is_digitizable ? f.yes : f.no}</td>
                <td data-label={x.fee}>
                  {terms.digitization_fee
                    ? `${terms.digitization_fee.amount} ${terms.digitization_fee.currency}`
                    : x.noFee}
                </td>
                <td data-label={x.maxPages}>
                  {terms.max_pages_per_request === null ? x.noMaximum : number(terms.max_pages_per_request)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

function TermsPage({ place, id }: { place: Place; id: number | null }) {
  const x = useTexts(termsText);
  return (
    <EditorPage
      place={place}
      id={id}
      list={{ path: "/setup/terms-of-use", title: x.title }}
      newTitle={x.newTerms}
      query={oneTermsQuery(id ?? 0)}
    >
      {(terms) => <TermsForm place={place} terms={terms} />}
    </EditorPage>
  );
}

const FIELD_IDS = {
  code: "terms-code",
  name: "terms-name",
  is_digitizable: "terms-digitizable",
  is_requestable: "terms-requestable",
  "digitization_fee.amount": "terms-fee",
  "digitization_fee.currency": "terms-currency",
  digitization_fee: "terms-fee",
  max_pages_per_request: "terms-max-pages",
};

function TermsForm({ place, terms }: { place: Place; terms: Terms | null }) {
  const x = useTexts(termsText);
  const f = useTexts(formsText);
  const form = useFormState({
    code: terms?.code ?? "",
    name: terms?.name ?? "",
    digitizable: terms?.is_digitizable ?? true,
    requestable: terms?.is_requestable ?? true,
    fee: terms?.digitization_fee?.amount ?? "",
    currency: terms?.digitization_fee?.currency ?? "",
    maxPages: terms?.max_pages_per_request == null ? "" : String(terms.max_pages_per_request),
  });
  const { values: v, set, problems } = form;
  const save = useSave({
    place,
    form,
    existing: terms !== null,
    save: () => {
      const body = {
        code: v.code.trim(),
        name: v.name.trim(),
        is_digitizable: v.digitizable,
        is_requestable: v.requestable,
        digitization_fee:
          v.fee.trim() || v.currency.trim() ? { amount: v.fee.trim(), currency: v.currency.trim() } : null,
        max_pages_per_request: numberOrNull(v.maxPages),
      };
      return terms
        ? unwrap(api.PATCH("/api/v1/terms-of-use/{id}", { params: { path: { id: terms.id } }, body }))
        : unwrap(api.POST("/api/v1/terms-of-use", { body }));
    },
    keyOf: (saved) => oneTermsQuery(saved.id).queryKey,
    lists: [termsQuery.queryKey],
    pathOf: (saved) => `/setup/terms-of-use/${saved.id}`,
    fieldIds: FIELD_IDS,
    failed: x.saveFailed,
  });
  const err = (id: string) => fieldError(problems, id);
  return (
    <SetupForm
      label={x.formLabel}
      problems={problems}
      saving={save.isPending}
      savedMessage={form.saved}
      submitLabel={terms ? f.save : f.create}
      onSubmit={() => save.mutate()}
    >
      <CodeAndName prefix="terms" values={v} set={set} problems={problems} />
      <Checkbox
        id="terms-digitizable"
        label={x.digitizable}
        checked={v.digitizable}
        onChange={set("digitizable")}
        error={err("terms-digitizable")}
      />
      <Checkbox
        id="terms-requestable"
        label={x.requestable}
        checked={v.requestable}
        onChange={set("requestable")}
        error={err("terms-requestable")}
      />
      <fieldset className="fieldset">
        <legend className="label">{x.fee}</legend>
        <Field
          id="terms-fee"
          label={x.feeAmount}
          hint={x.feeAmountHint}
          value={v.fee}
          onChange={set("fee")}
          error={err("terms-fee")}
        />
        <Field
          id="terms-currency"
          label={x.currency}
          hint={x.currencyHint}
          value={v.currency}
          onChange={set("currency")}
          error={err("terms-currency")}
        />
      </fieldset>
      <Field
        id="terms-max-pages"
        label={x.maxPages}
        hint={x.maxPagesHint}
        value={v.maxPages}
        onChange={set("maxPages")}
        error={err("terms-max-pages")}
      />
    </SetupForm>
  );
}
