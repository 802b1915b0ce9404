import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Button, Dialog, Heading, Modal } from "react-aria-components";
import { api, ApiError, unwrap } from "../../../shared/api/client";
import { Field } from "../../../shared/components/Field";
import { SelectField } from "../../../shared/components/SelectField";
import type { Place } from "../../../shared/router";
import { useTexts } from "../../../shared/texts";
import type { Grant, RoleDefinition } from "./queries";
import { rolesText } from "./text";
import { personOf, whereOf } from "./where";

interface Filters {
  q: string;
  role: string;
  scope: string;
}

/** The filters live in the address, so a filtered view can be shared; typing replaces the entry, not adds one. */
function keepInAddress(f: Filters) {
  const params = new URLSearchParams();
  if (f.q) params.set("q", f.q);
  if (f.role) params.set("role", f.role);
  if (f.scope) params.set("scope", f.scope);
  const query = params.toString();
  history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}`);
}

/** Who holds which role where (user × role × scope), filterable, each grant with a way to take it away. */
export function HoldersTable(props: {
  place: Place;
  roles: RoleDefinition[];
  grants: Grant[];
  truncated: boolean;
  onSaid(message: string): void;
}) {
  const r = useTexts(rolesText);
  const client = useQueryClient();
  const s = props.place.search;
  const [filters, setFilters] = useState<Filters>({
    q: s.get("q") ?? "",
    role: s.get("role") ?? "",
    scope: s.get("scope") ?? "",
  });
  const [removing, setRemoving] = useState<Grant | null>(null);
  const [refocus, setRefocus] = useState(false);
  // Once the table has lost the row (and the dialog its hold on focus), the status line that
  // says what happened takes focus: the button that had it is gone.
  useEffect(() => {
    if (!refocus || removing) return;
    setRefocus(false);
    document.getElementById("roles-said")?.focus();
  }, [refocus, removing, props.grants]);
  const change = (next: Partial<Filters>) => {
    const f = { ...filters, ...next };
    setFilters(f);
    keepInAddress(f);
  };
  const needle = filters.q.trim().toLowerCase();
  const shown = props.grants.filter(
    (g) =>
      (!filters.role || g.role === filters.role) &&
      (!filters.scope || g.scope_type === filters.scope) &&
      (!needle || personOf(g.user).toLowerCase().includes(needle) || whereOf(g, "").toLowerCase().includes(needle)),
  );

  const remove = useMutation({
    mutationFn: (g: Grant) =>
      unwrap(
        api.DELETE("/api/v1/users/{id}/roles/{assignment_id}", {
          params: { path: { id: g.user_id, assignment_id: g.id } },
        }),
      ),
    onSuccess: (_, g) => {
      props.onSaid(r.removed(g.role_label, personOf(g.user)));
      void client.invalidateQueries({ queryKey: ["role-assignments"] });
      void client.invalidateQueries({ queryKey: ["staff-workspace"] });
    },
    // the server keeps the institution's last General System Administrator (IN_USE): say why
    onError: (e) => props.onSaid(e instanceof ApiError && e.code === "IN_USE" ? r.lastAdministrator : r.removeFailed),
    onSettled: () => {
      setRemoving(null);
      setRefocus(true);
    },
  });

  return (
    <section className="roles-holders" aria-labelledby="holders-heading">
      <h2 id="holders-heading">{r.tableTitle}</h2>
      <div className="setup-tools" role="group" aria-label={r.tableTitle}>
        <Field id="holders-q" label={r.filterText} value={filters.q} onChange={(q) => change({ q })} type="search" />
        <SelectField
          id="holders-role"
          label={r.filterRole}
          value={filters.role}
          onChange={(role) => change({ role })}
          options={[{ id: "", label: r.all }, ...props.roles.map((x) => ({ id: x.role, label: x.label }))]}
        />
        <SelectField
          id="holders-scope"
          label={r.filterScope}
          value={filters.scope}
          onChange={(scope) => change({ scope })}
          options={[{ id: "", label: r.all }, ...Object.entries(r.scopeTypes).map(([id, label]) => ({ id, label }))]}
        />
      </div>
      <p aria-live="polite">{r.count(shown.length, props.grants.length)}</p>
      {props.truncated && <p className="notice">{r.truncated}</p>}
      {shown.length === 0 ? (
        <p>{r.empty}</p>
      ) : (
        <table className="setup-table roles-table">
          <thead>
            <tr>
              <th scope="col">{r.colUser}</th>
              <th scope="col">{r.colRole}</th>
              <th scope="col">{r.colScope}</th>
              <th scope="col">{r.colAction}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((g) => (
              <tr key={g.id}>
                <th scope="row">
                  {personOf(g.user)}
                  {g.user.status === "INACTIVE" && <span className="muted"> – {r.inactive}</span>}
                </th>
                <td data-label={r.colRole}>{g.role_label}</td>
                <td data-label={r.colScope}>
                  {g.scope_type === "institution" ? (
                    r.institution
                  ) : (
                    <>
                      <span className="roles-scope-type">{r.scopeTypes[g.scope_type]}</span>
                      {whereOf(g, r.institution)}
                    </>
                  )}
                </td>
                <td data-label={r.colAction}>
                  <Button
                    className="link-button"
                    aria-label={r.remove(g.role_label, personOf(g.user))}
                    onPress={() => setRemoving(g)}
                  >
                    {r.removeShort}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Modal
        className="modal"
        isDismissable
        isOpen={removing !== null}
        onOpenChange={(open) => {
          if (!open && !remove.isPending) setRemoving(null);
        }}
      >
        <Dialog className="dialog" role="alertdialog">
          {removing && (
            <>
              <Heading slot="title">{r.removeTitle}</Heading>
              <p>{r.removeBody(removing.role_label, personOf(removing.user), whereOf(removing, r.institution))}</p>
              <div className="dialog-buttons">
                <Button
                  className="button danger roles-remove-confirm"
                  onPress={() => !remove.isPending && remove.mutate(removing)}
                >
                  {r.removeConfirm}
                </Button>
                <Button className="button secondary" slot="close">
                  {r.cancel}
                </Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </section>
  );
}
