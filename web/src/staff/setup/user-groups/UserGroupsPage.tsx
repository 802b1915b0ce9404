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
import { AreaGate, CodeAndName, fieldError, LockNote, numberOrNull, SetupForm, useFormState } from "../forms/forms";
import { formsText } from "../forms/text";
import { userGroupsText } from "./text";

/** /staff/setup/user-groups, /new and /<id>. */
export function userGroupPages(place: Place, rest: string): ReactElement | null {
  const m = /^\/(new|\d+)$/.exec(rest);
  if (rest !== "" && !m) return null;
  return (
    <AreaGate area="people">
      {m ? <UserGroupPage place={place} id={m[1] === "new" ? null : Number(m[1])} /> : <UserGroupsPage place={place} />}
    </AreaGate>
  );
}

export const groupsQuery = {
  queryKey: ["setup", "user-groups"],
  queryFn: async () => (await unwrap(api.GET("/api/v1/user-groups"))).user_groups,
};
const groupQuery = (id: number) => ({
  queryKey: ["setup", "user-group", id],
  queryFn: () => unwrap(api.GET("/api/v1/user-groups/{id}", { params: { path: { id } } })),
});
type Group = Awaited<ReturnType<ReturnType<typeof groupQuery>["queryFn"]>>;

function useLimitWords() {
  const g = useTexts(userGroupsText);
  const { number } = useI18n();
  return (limit: number | null) =>
    limit === null ? g.unlimited : limit === 0 ? g.noRequests : g.atATime(number(limit));
}

function UserGroupsPage({ place }: { place: Place }) {
  const g = useTexts(userGroupsText);
  const f = useTexts(formsText);
  const { t } = useI18n();
  const limitWords = useLimitWords();
  const groups = useQuery(groupsQuery);
  return (
    <Page title={g.title}>
      <p className="lead">{g.intro}</p>
      <p className="setup-actions">
        <Link className="button" href={staffPath(place, "/setup/user-groups/new")}>
          {g.newGroup}
        </Link>
      </p>
      {groups.isPending && <p className="loading">{t.loading}</p>}
      {groups.isError && <LoadFailed retry={() => void groups.refetch()} />}
      {groups.data?.length === 0 && <p>{g.noGroups}</p>}
      {groups.data && groups.data.length > 0 && (
        <table className="setup-table">
          <thead>
            <tr>
              <th scope="col">{f.name}</th>
              <th scope="col">{g.limit}</th>
            </tr>
          </thead>
          <tbody>
            {groups.data.map((group) => (
              <tr key={group.id}>
                <td>
                  <Link href={staffPath(place, `/setup/user-groups/${group.id}`)}>{group.name}</Link> ({group.code})
                  {group.locked && (
                    <>
                      <br />
                      <LockNote consortium={group.consortium ?? ""} />
                    </>
                  )}
                </td>
                <td data-label={g.limit}>{limitWords(group.max_digitization_requests)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

function UserGroupPage({ place, id }: { place: Place; id: number | null }) {
  const g = useTexts(userGroupsText);
  return (
    <EditorPage
      place={place}
      id={id}
      list={{ path: "/setup/user-groups", title: g.title }}
      newTitle={g.newGroup}
      query={groupQuery(id ?? 0)}
    >
      {(group) => (group?.locked ? <LockedGroup group={group} /> : <UserGroupForm place={place} group={group} />)}
    </EditorPage>
  );
}

/** A consortium's group as this member holds it: what it says, and where to change it. */
function LockedGroup({ group }: { group: Group }) {
  const g = useTexts(userGroupsText);
  const f = useTexts(formsText);
  const limitWords = useLimitWords();
  return (
    <>
      <p className="notice">
        <LockNote consortium={group.consortium ?? ""} />
        <br />
        {g.readOnly}
      </p>
      <dl className="setup-facts">
        <dt>{f.code}</dt>
        <dd>{group.code}</dd>
        <dt>{f.name}</dt>
        <dd>{group.name}</dd>
        <dt>{g.limit}</dt>
        <dd>{limitWords(group.max_digitization_requests)}</dd>
      </dl>
    </>
  );
}

const FIELD_IDS = { code: "group-code", name: "group-name", max_digitization_requests: "group-limit" };

function UserGroupForm({ place, group }: { place: Place; group: Group | null }) {
  const g = useTexts(userGroupsText);
  const f = useTexts(formsText);
  const form = useFormState({
    code: group?.code ?? "",
    name: group?.name ?? "",
    limit: group?.max_digitization_requests == null ? "" : String(group.max_digitization_requests),
  });
  const { values: v, set, problems } = form;
  const save = useSave({
    place,
    form,
    existing: group !== null,
    save: () => {
      const body = { code: v.code.trim(), name: v.name.trim(), max_digitization_requests: numberOrNull(v.limit) };
      return group
        ? unwrap(api.PATCH("/api/v1/user-groups/{id}", { params: { path: { id: group.id } }, body }))
        : unwrap(api.POST("/api/v1/user-groups", { body }));
    },
    keyOf: (saved) => groupQuery(saved.id).queryKey,
    lists: [groupsQuery.queryKey],
    pathOf: (saved) => `/setup/user-groups/${saved.id}`,
    fieldIds: FIELD_IDS,
    failed: g.saveFailed,
  });
  const err = (id: string) => fieldError(problems, id);
  return (
    <SetupForm
      label={g.formLabel}
      problems={problems}
      saving={save.isPending}
      savedMessage={form.saved}
      submitLabel={group ? f.save : f.create}
      onSubmit={() => save.mutate()}
    >
      <CodeAndName prefix="group" values={v} set={set} problems={problems} />
      <Field
        id="group-limit"
        label={g.limit}
        hint={g.limitHint}
        value={v.limit}
        onChange={set("limit")}
        error={err("group-limit")}
      />
      {group?.limit_rule && <p className="hint">{g.decidedBy(group.limit_rule.name)}</p>}
    </SetupForm>
  );
}
