import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "react-aria-components";
import { api, ApiError, unwrap } from "../../../shared/api/client";
import { ErrorSummary, type Problem } from "../../../shared/components/ErrorSummary";
import { Page } from "../../../shared/components/Page";
import { LoadFailed } from "../../../shared/components/Status";
import { useI18n } from "../../../shared/i18n";
import { useTexts } from "../../../shared/texts";
import { workspaceQuery } from "../../workspace";
import { FieldsEditor } from "./FieldsEditor";
import { FormPreview } from "./FormPreview";
import type { FormConfig } from "./model";
import { formText } from "./text";
import "../comms/comms.css";
import "../letters/letters.css";
import "./request-form.css";

const configQuery = queryOptions({
  queryKey: ["request-form-config"],
  queryFn: () => unwrap(api.GET("/api/v1/request-form/config")),
  retry: false,
});

/** Step 8: the request form's fields and texts per language, with the patron's form as a live preview. */
export function RequestFormPage() {
  const x = useTexts(formText);
  const { t } = useI18n();
  const workspace = useQuery(workspaceQuery);
  const allowed = workspace.data?.setup_areas.fulfillment !== false;
  const query = useQuery({ ...configQuery, enabled: allowed });
  // Kept here: a save gives the editor a new start (the saved form), and the news must outlive it.
  const [said, setSaid] = useState("");
  if (!allowed)
    return (
      <Page title={x.title}>
        <p>{x.noRight}</p>
      </Page>
    );
  return (
    <Page title={x.title}>
      <p className="lead">{x.intro}</p>
      {query.isPending && <p className="loading">{t.loading}</p>}
      {query.isError && <LoadFailed retry={() => void query.refetch()} />}
      {query.data && (
        <Editor
          key={query.data.updated_at ?? ""}
          saved={query.data.config}
          locked={query.data.locked ? (query.data.inherited_from ?? "") : null}
          appliesToMembers={query.data.applies_to_members}
          onSaid={setSaid}
        />
      )}
      <p role="status" className="setup-said">
        {said}
      </p>
    </Page>
  );
}

function Editor(props: {
  saved: FormConfig;
  locked: string | null;
  appliesToMembers: boolean;
  onSaid(message: string): void;
}) {
  const x = useTexts(formText);
  const client = useQueryClient();
  const [config, setConfig] = useState<FormConfig>(props.saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const setSaid = props.onSaid;
  const dirty = JSON.stringify(config) !== JSON.stringify(props.saved);

  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT("/api/v1/request-form/config", {
          body: { config: config as never, applies_to_members: props.appliesToMembers },
        }),
      ),
    onMutate: () => setSaid(""),
    onSuccess: (answer) => {
      setErrors({});
      setGeneral(null);
      setSaid(x.saved);
      client.setQueryData(configQuery.queryKey, answer);
      void client.invalidateQueries({ queryKey: ["request-form"] });
    },
    onError: (err) => {
      const byId: Record<string, string> = {};
      const loose: string[] = [];
      if (err instanceof ApiError)
        for (const f of err.fields) {
          // "config.fields.3.label.fr" names the box "rf-fields-3-label-fr"
          const id = `rf-${f.field.replace(/^config\./, "").replaceAll(".", "-")}`;
          if (document.getElementById(id)) byId[id] = `${labelFor(id)}${f.message}`;
          else loose.push(`${f.field}: ${f.message}`);
        }
      setErrors(byId);
      setGeneral(
        Object.keys(byId).length && !loose.length
          ? null
          : `${x.refused} ${loose.join(" ") || (err instanceof ApiError ? err.message : "")}`,
      );
    },
  });

  const problems: Problem[] = [
    ...(general ? [{ message: general }] : []),
    ...Object.entries(errors).map(([field, message]) => ({ field, message })),
  ];

  return (
    <div className="rf-setup">
      {props.locked !== null && <p className="notice">🔒 {x.locked(props.locked)}</p>}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!save.isPending && props.locked === null) save.mutate();
        }}
      >
        <ErrorSummary problems={problems} />
        <fieldset className="rf-editor" disabled={props.locked !== null}>
          <FieldsEditor config={config} setConfig={setConfig} errors={errors} />
        </fieldset>
        {props.locked === null && (
          <div className="letter-actions">
            <Button type="submit" className="button">
              {save.isPending ? x.saving : x.save}
            </Button>
            {dirty && <span className="letter-unsaved">{x.unsaved}</span>}
          </div>
        )}
      </form>
      <FormPreview config={config} />
    </div>
  );
}

/** The label of the box an error is about, so the summary names it ("Label (fr): must not be empty"). */
function labelFor(id: string): string {
  const el = document.getElementById(id);
  const own = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.labels?.[0] : null;
  const text = (own ?? el?.querySelector("legend"))?.textContent?.trim();
  return text ? `${text}: ` : "";
}
