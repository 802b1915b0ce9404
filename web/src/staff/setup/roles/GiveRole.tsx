import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Label, Radio, RadioGroup } from "react-aria-components";
import { api, ApiError, unwrap } from "../../../shared/api/client";
import { ErrorSummary, type Problem } from "../../../shared/components/ErrorSummary";
import { Field } from "../../../shared/components/Field";
import { useTexts } from "../../../shared/texts";
import { SelectBox } from "../forms/forms";
import { scopePlacesQuery, type RoleDefinition, type ScopeType } from "./queries";
import { rolesText } from "./text";
import { personOf, whereOf } from "./where";

type Person = { id: number; primary_id: string; first_name: string; last_name: string; email: string | null };
type Box = "give-user" | "give-role" | "give-scope-type" | "give-scope";
const SHOWN = 20;

/** Finds a staff member and gives them a role with its scope; the server's refusals go to their boxes. */
export function GiveRole({ roles, onGiven }: { roles: RoleDefinition[]; onGiven(message: string): void }) {
  const r = useTexts(rolesText);
  const client = useQueryClient();
  const places = useQuery(scopePlacesQuery);
  const [q, setQ] = useState("");
  const [people, setPeople] = useState<{ list: Person[]; more: boolean } | null>(null);
  const [finding, setFinding] = useState(false);
  const [userId, setUserId] = useState("");
  const [role, setRole] = useState("");
  const [scopeType, setScopeType] = useState("");
  const [scopeId, setScopeId] = useState("");
  const [errors, setErrors] = useState<Partial<Record<Box, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);

  const def = roles.find((x) => x.role === role);
  const types = def?.scope_types ?? [];
  const type = (types.length === 1 ? types[0] : types.find((x) => x === scopeType)) as ScopeType | undefined;
  const choices = type && type !== "institution" ? (places.data?.[type] ?? []) : [];

  async function find() {
    if (!q.trim() || finding) return;
    setFinding(true);
    try {
      const found = await unwrap(api.GET("/api/v1/users", { params: { query: { q: q.trim(), limit: SHOWN } } }));
      setPeople({ list: found.users, more: found.next_cursor !== null });
      setUserId(found.users.length === 1 ? String(found.users[0]!.id) : "");
    } catch {
      setPeople({ list: [], more: false });
    } finally {
      setFinding(false);
    }
  }

  function check(): Partial<Record<Box, string>> {
    const found: Partial<Record<Box, string>> = {};
    if (!userId) found["give-user"] = r.chooseUser;
    if (!def) found["give-role"] = `${r.role}: ${r.choose}`;
    else if (!type) found["give-scope-type"] = `${r.scopeType}: ${r.choose}`;
    else if (type !== "institution" && !scopeId) found["give-scope"] = r.chooseScope(r.scope(type));
    return found;
  }

  const give = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/users/{id}/roles", {
          params: { path: { id: Number(userId) } },
          body: {
            role: role as RoleDefinition["role"],
            scope_type: type!,
            ...(type !== "institution" ? { scope_id: Number(scopeId) } : {}),
          },
        }),
      ),
    onSuccess: (grant) => {
      const person = people?.list.find((p) => p.id === grant.user_id);
      onGiven(
        r.given(grant.role_label, person ? personOf(person) : String(grant.user_id), whereOf(grant, r.institution)),
      );
      setErrors({});
      setGeneral(null);
      void client.invalidateQueries({ queryKey: ["role-assignments"] });
      void client.invalidateQueries({ queryKey: ["staff-workspace"] });
    },
    onError: (err) => {
      const byBox: Partial<Record<Box, string>> = {};
      const loose: string[] = [];
      const boxOf: Record<string, Box> = { role: "give-role", scope_type: "give-scope-type", scope_id: "give-scope" };
      if (err instanceof ApiError)
        for (const f of err.fields) {
          const box = boxOf[f.field];
          if (box) byBox[box] = `${labelOf(box)}: ${err.code === "DUPLICATE" ? err.message : f.message}`;
          else loose.push(f.message);
        }
      setErrors(byBox);
      setGeneral(
        Object.keys(byBox).length && !loose.length
          ? null
          : `${r.refused} ${err instanceof ApiError ? err.message : ""}`,
      );
    },
  });
  const labelOf = (box: Box) =>
    ({
      "give-user": r.who,
      "give-role": r.role,
      "give-scope-type": r.scopeType,
      "give-scope": type ? r.scope(type) : "",
    })[box];

  const order: Box[] = ["give-user", "give-role", "give-scope-type", "give-scope"];
  const problems: Problem[] = [
    ...(general ? [{ message: general }] : []),
    ...order.filter((b) => errors[b]).map((b) => ({ field: b, message: errors[b]! })),
  ];

  return (
    <section className="roles-give" aria-labelledby="give-heading">
      <h2 id="give-heading">{r.giveTitle}</h2>
      <ErrorSummary problems={problems} />
      <form
        className="setup-tools"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <Field id="give-find" label={r.findLabel} hint={r.findHint} value={q} onChange={setQ} type="search" />
        <Button type="submit" className="button secondary roles-find">
          {finding ? r.finding : r.find}
        </Button>
      </form>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (give.isPending) return;
          const found = check();
          setErrors(found);
          setGeneral(null);
          if (Object.keys(found).length === 0) give.mutate();
        }}
      >
        <p role="status" className="setup-said">
          {people && (people.list.length ? r.found(people.list.length) : r.foundNone)}
          {people?.more && ` ${r.moreFound}`}
        </p>
        {people && people.list.length > 0 && (
          <RadioGroup
            className={`field radios${errors["give-user"] ? " invalid" : ""}`}
            value={userId}
            onChange={setUserId}
            isInvalid={!!errors["give-user"]}
            aria-describedby={errors["give-user"] ? "give-user-error" : undefined}
          >
            <Label className="label">{r.who}</Label>
            {errors["give-user"] && (
              <p className="field-error" id="give-user-error">
                {errors["give-user"]}
              </p>
            )}
            {people.list.map((p, i) => (
              <Radio key={p.id} value={String(p.id)} className="radio" id={i === 0 ? "give-user" : undefined}>
                {personOf(p)}
                {p.email && <span className="muted"> {p.email}</span>}
              </Radio>
            ))}
          </RadioGroup>
        )}
        {!people?.list.length && errors["give-user"] && (
          <p className="field-error" id="give-user">
            {errors["give-user"]}
          </p>
        )}
        <SelectBox
          id="give-role"
          label={r.role}
          value={role}
          onChange={(v) => {
            setRole(v);
            setScopeType("");
            setScopeId("");
          }}
          options={[{ id: "", label: r.choose }, ...roles.map((x) => ({ id: x.role, label: x.label }))]}
          error={errors["give-role"]}
        />
        {def && types.length > 1 && (
          <SelectBox
            id="give-scope-type"
            label={r.scopeType}
            value={type ?? ""}
            onChange={(v) => {
              setScopeType(v);
              setScopeId("");
            }}
            options={[{ id: "", label: r.choose }, ...types.map((x) => ({ id: x, label: r.scopeTypes[x] ?? x }))]}
            error={errors["give-scope-type"]}
          />
        )}
        {def && types.length === 1 && (
          <p>
            <span className="label">{r.scopeType}: </span>
            {r.scopeTypes[types[0]!]}
          </p>
        )}
        {type && type !== "institution" && (
          <SelectBox
            id="give-scope"
            label={r.scope(type)}
            value={scopeId}
            onChange={setScopeId}
            options={[{ id: "", label: r.choose }, ...choices.map((c) => ({ id: String(c.id), label: c.label }))]}
            error={errors["give-scope"]}
          />
        )}
        <Button type="submit" className="button roles-give-button">
          {give.isPending ? r.giving : r.give}
        </Button>
      </form>
    </section>
  );
}
