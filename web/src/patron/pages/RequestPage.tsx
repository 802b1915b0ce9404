import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-aria-components";
import { ApiError } from "../../shared/api/client";
import { ErrorSummary } from "../../shared/components/ErrorSummary";
import { Page } from "../../shared/components/Page";
import { useI18n } from "../../shared/i18n";
import { navigate, type Place } from "../../shared/router";
import { DuplicateDialog } from "../../shared/request-form/DuplicateDialog";
import { RequestFormFields } from "../../shared/request-form/RequestFormFields";
import { useRequestForm, type PublicForm, type Title } from "../../shared/request-form/use-request-form";
import { LoadFailed, NotFound } from "../App";
import { explainQuery, requestFormQuery, titleQuery } from "../queries";
import { patronReason } from "./TitlePage";

export function RequestPage({ place, mmsId }: { place: Place; mmsId: string }) {
  const { t, lang } = useI18n();
  const title = useQuery(titleQuery(mmsId));
  const form = useQuery(requestFormQuery(lang));
  const explained = useQuery(explainQuery(mmsId));
  if (title.isPending || form.isPending || explained.isPending) return <p className="loading">{t.loading}</p>;
  if (title.isError) {
    if (title.error instanceof ApiError && title.error.status === 404) return <NotFound base={place.base} />;
    return <LoadFailed retry={() => void title.refetch()} />;
  }
  if (form.isError) return <LoadFailed retry={() => void form.refetch()} />;
  // When the title page would say no copy can be asked for, the form says the same, and why.
  // (If explain fails, the form is shown: placing decides in the end.)
  const items = title.data.holdings.flatMap((h) => h.items);
  const type = items.length > 0 ? "DIGITIZATION" : "GENERAL_DIGITIZATION";
  const service = explained.data?.services.find((s) => s.type === type);
  if (service && !service.offered) {
    const item = items.find((i) => String(i.id) === service.item_id);
    return (
      <Page title={t.requestForm.title(title.data.title)}>
        <div className="notice">
          <p className="strong">{t.notOfferedLong}</p>
          <p>{patronReason(t, service, title.data, item)}</p>
        </div>
        <p>
          <Link href={`${place.base}/titles/${mmsId}`}>← {title.data.title}</Link>
        </p>
      </Page>
    );
  }
  return <RequestForm place={place} mmsId={mmsId} title={title.data} form={form.data} />;
}

function RequestForm(props: { place: Place; mmsId: string; title: Title; form: PublicForm }) {
  const { t } = useI18n();
  const m = t.requestForm;
  const client = useQueryClient();
  const rf = useRequestForm({
    form: props.form,
    title: props.title,
    mmsId: props.mmsId,
    prefill: props.place.search,
    async onPlaced(placed) {
      await client.invalidateQueries({ queryKey: ["requests"] });
      navigate(`${props.place.base}/requests/${placed.request_id}`);
    },
  });
  return (
    <Page title={m.title(props.title.title)}>
      <ErrorSummary problems={rf.problems} />
      <p className="lead">{m.intro}</p>
      <form className="form request-form" noValidate onSubmit={(e) => void rf.submit(e)}>
        <RequestFormFields rf={rf} />
        <button type="submit" className="button submit" ref={rf.submitRef} aria-disabled={rf.busy || undefined}>
          {rf.busy ? m.sending : m.submit}
        </button>
      </form>
      <p>
        <Link href={`${props.place.base}/titles/${props.mmsId}`}>← {props.title.title}</Link>
      </p>
      <DuplicateDialog
        rf={rf}
        title={m.duplicateTitle}
        body={m.duplicateBody}
        hrefOf={(id) => `${props.place.base}/requests/${id}`}
      />
    </Page>
  );
}
