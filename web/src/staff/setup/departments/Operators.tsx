import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "react-aria-components";
import { api, unwrap } from "../../../shared/api/client";
import { Field } from "../../../shared/components/Field";
import { useI18n } from "../../../shared/i18n";
import { useTexts } from "../../../shared/texts";
import { departmentsQuery } from "../forms/queries";
import type { Department } from "./DepartmentPage";
import { departmentsText } from "./text";

/**
 * A department's operators. Adding one grants the Work Order Operator role scoped to the
 * department (the API does it): the page says so, and announces each change.
 */
export function Operators({ department }: { department: Department }) {
  const d = useTexts(departmentsText);
  const [announce, setAnnounce] = useState("");
  const [problem, setProblem] = useState("");
  // A new search box after each addition: the one just added is no longer among the results.
  const [searches, setSearches] = useState(0);
  const client = useQueryClient();
  const refresh = (message: string) => {
    setProblem("");
    setAnnounce(message);
    void client.invalidateQueries({ queryKey: ["setup", "department", department.id] });
    void client.invalidateQueries({ queryKey: departmentsQuery.queryKey });
  };
  const fail = (e: Error) => {
    setAnnounce("");
    setProblem(e.message || d.saveFailed);
  };
  const add = useMutation({
    mutationFn: (user: { id: number; name: string }) =>
      unwrap(
        api.POST("/api/v1/departments/{id}/operators", {
          params: { path: { id: department.id } },
          body: { user_id: user.id },
        }),
      ).then(() => user.name),
    onSuccess: (name) => {
      setSearches((n) => n + 1);
      refresh(d.operatorAdded(name));
    },
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: (user: { id: number; name: string }) =>
      unwrap(
        api.DELETE("/api/v1/departments/{id}/operators/{user_id}", {
          params: { path: { id: department.id, user_id: user.id } },
        }),
      ).then(() => user.name),
    onSuccess: (name) => refresh(d.operatorRemoved(name)),
    onError: fail,
  });
  return (
    <section aria-labelledby="operators-title" id="operators">
      <h2 id="operators-title">{d.operators}</h2>
      <p>{d.operatorsIntro}</p>
      {department.operators.length === 0 ? (
        <p>{d.noOperators}</p>
      ) : (
        <ul className="setup-operators">
          {department.operators.map((o) => {
            const name = `${o.first_name} ${o.last_name}`;
            return (
              <li key={o.user_id} className="setup-list-row">
                <span>
                  {name} ({o.primary_id})
                </span>
                <Button
                  className="link-button"
                  isPending={remove.isPending}
                  onPress={() => remove.mutate({ id: o.user_id, name })}
                >
                  {d.removeOperator(name)}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <FindUser key={searches} exclude={department.operators.map((o) => o.user_id)} onChoose={(u) => add.mutate(u)} />
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <p role="status" className="setup-saved">
        {announce}
      </p>
    </section>
  );
}

function FindUser(props: { exclude: number[]; onChoose(user: { id: number; name: string }): void }) {
  const d = useTexts(departmentsText);
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const found = useQuery({
    queryKey: ["setup", "users", q],
    queryFn: async () => (await unwrap(api.GET("/api/v1/users", { params: { query: { q, limit: 10 } } }))).users,
    enabled: q !== "",
  });
  const search = (e: FormEvent) => {
    e.preventDefault();
    setQ(text.trim());
  };
  const users = (found.data ?? []).filter((u) => !props.exclude.includes(u.id));
  return (
    <form className="form" role="search" aria-label={d.findUser} onSubmit={search}>
      <div className="setup-actions setup-search">
        <Field
          id="operator-search"
          label={d.findUser}
          hint={d.findUserHint}
          value={text}
          onChange={setText}
          type="search"
        />
        <Button type="submit" className="button secondary">
          {d.search}
        </Button>
      </div>
      {q !== "" && found.isPending && <p className="loading">{t.loading}</p>}
      {found.data && users.length === 0 && <p>{d.noUserFound}</p>}
      {users.length > 0 && (
        <ul className="setup-operators">
          {users.map((u) => {
            const name = `${u.first_name} ${u.last_name}`;
            return (
              <li key={u.id} className="setup-list-row">
                <span>
                  {name} ({u.primary_id})
                </span>
                <Button className="button secondary" onPress={() => props.onChoose({ id: u.id, name })}>
                  {d.addOperator(name)}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </form>
  );
}
