import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, unwrap } from "../../shared/api/client";
import { ErrorSummary } from "../../shared/components/ErrorSummary";
import { LoadFailed } from "../../shared/components/Status";
import { useI18n } from "../../shared/i18n";
import type { Place } from "../../shared/router";
import { DuplicateDialog } from "../../shared/request-form/DuplicateDialog";
import { requestFormQuery } from "../../shared/request-form/queries";
import { RequestFormFields, Tick } from "../../shared/request-form/RequestFormFields";
import { useRequestForm, type PublicForm, type Title } from "../../shared/request-form/use-request-form";
import { useTexts } from "../../shared/texts";
import { staffPath } from "../screens";
import { useTargetPlaces } from "./target-places";
import { placeText } from "./text";

interface Patron {
  /** primary id */
  id: string;
  name: string;
}

/** The title, the form and what this patron is offered: the form shows once all three are known. */
export function StaffRequestForm(props: {
  place: Place;
  patron: Patron;
  mmsId: string;
  onPlaced(requestId: string): void;
}) {
  const s = useTexts(placeText);
  const { t, lang } = useI18n();
  const title = useQuery({
    queryKey: ["title", props.mmsId],
    queryFn: () => unwrap(api.GET("/api/v1/bibs/{mms_id}", { params: { path: { mms_id: props.mmsId } } })),
    retry: false,
  });
  const form = useQuery(requestFormQuery(lang));
  const offers = useQuery({
    queryKey: ["explain", props.mmsId, props.patron.id],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/explain", { params: { query: { mms_id: Number(props.mmsId), user_id: props.patron.id } } }),
      ),
    retry: false,
  });
  if (title.isPending || form.isPending || offers.isPending) return <p className="loading">{t.loading}</p>;
  if (title.isError) return <LoadFailed retry={() => void title.refetch()} />;
  if (form.isError) return <LoadFailed retry={() => void form.refetch()} />;
  const items = title.data.holdings.flatMap((h) => h.items);
  const service = offers.data?.services.find(
    (x) => x.type === (items.length ? "DIGITIZATION" : "GENERAL_DIGITIZATION"),
  );
  if (service && !service.offered) {
    // Staff read the rule's own sentence: they can tell the patron why, or ask who configures it.
    return (
      <div className="notice">
        <p className="strong">{s.notOffered}</p>
        <p>{service.reason}</p>
      </div>
    );
  }
  return <FormWithExtras {...props} title={title.data} form={form.data} />;
}

function FormWithExtras(props: {
  place: Place;
  patron: Patron;
  mmsId: string;
  title: Title;
  form: PublicForm;
  onPlaced(requestId: string): void;
}) {
  const s = useTexts(placeText);
  const { t } = useI18n();
  const m = t.requestForm;
  const client = useQueryClient();
  const [course, setCourse] = useState(false);
  const [courseCode, setCourseCode] = useState("");
  const [courseName, setCourseName] = useState("");
  const [target, setTarget] = useState("");
  const targets = useTargetPlaces();
  const rf = useRequestForm({
    form: props.form,
    title: props.title,
    mmsId: props.mmsId,
    prefill: new URLSearchParams(),
    extraBody: () => ({
      user_id: props.patron.id,
      ...(course
        ? { course: { code: courseCode.trim(), ...(courseName.trim() ? { name: courseName.trim() } : {}) } }
        : {}),
      ...(target ? { target_destination: target } : {}),
    }),
    extraFields: [
      { id: "course-code", label: s.courseCode, fields: ["course", "course.code"] },
      { id: "course-name", label: s.courseName, fields: ["course.name"] },
      { id: "target-place", label: s.place, fields: ["target_destination"] },
    ],
    extraCheck: (): Record<string, string> => (course && !courseCode.trim() ? { "course-code": s.missingCourse } : {}),
    async onPlaced(placed) {
      await client.invalidateQueries({ queryKey: ["staff-request"] });
      props.onPlaced(placed.request_id);
    },
  });
  const err = (id: string) => rf.errors[id];
  const text = (id: string, label: string, value: string, set: (v: string) => void, hint?: string) => (
    <div className="field">
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {err(id) && (
        <p className="field-error" id={`${id}-error`}>
          {err(id)}
        </p>
      )}
      <input
        id={id}
        className="input"
        value={value}
        aria-invalid={err(id) ? true : undefined}
        aria-describedby={
          [hint ? `${id}-hint` : "", err(id) ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined
        }
        onChange={(e) => set(e.target.value)}
      />
    </div>
  );
  return (
    <>
      <ErrorSummary problems={rf.problems} />
      <form className="form request-form" noValidate onSubmit={(e) => void rf.submit(e)}>
        <RequestFormFields rf={rf} />
        <fieldset className="fieldset staff-extras">
          <legend className="label">{s.staffExtras}</legend>
          <Tick
            id="course-reserve"
            label={s.courseReserve}
            help={null}
            checked={course}
            onChange={setCourse}
            error={undefined}
            mandatory={null}
          />
          {course && text("course-code", s.courseCode, courseCode, setCourseCode, s.courseCodeHint)}
          {course && text("course-name", s.courseName, courseName, setCourseName)}
          <div className="field">
            <label className="label" htmlFor="target-place">
              {s.place}
            </label>
            <p className="hint" id="target-place-hint">
              {s.placeHint}
            </p>
            {err("target-place") && (
              <p className="field-error" id="target-place-error">
                {err("target-place")}
              </p>
            )}
            <select
              id="target-place"
              className="select"
              value={target}
              aria-describedby={`target-place-hint${err("target-place") ? " target-place-error" : ""}`}
              onChange={(e) => setTarget(e.target.value)}
            >
              <option value="">{s.byRules}</option>
              {targets.departments.length > 0 && (
                <optgroup label={s.departments}>
                  {targets.departments.map((d) => (
                    <option key={d.code} value={d.code}>
                      {d.name}
                    </option>
                  ))}
                </optgroup>
              )}
              {targets.desks.length > 0 && (
                <optgroup label={s.desks}>
                  {targets.desks.map((d) => (
                    <option key={d.code} value={d.code}>
                      {d.name}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </div>
        </fieldset>
        <button type="submit" className="button submit" ref={rf.submitRef} aria-disabled={rf.busy || undefined}>
          {rf.busy ? m.sending : s.submit(props.patron.name)}
        </button>
      </form>
      <DuplicateDialog
        rf={rf}
        title={s.duplicateTitle}
        body={s.duplicateBody}
        hrefOf={(id) => staffPath(props.place, `/requests/${id}`)}
      />
    </>
  );
}
