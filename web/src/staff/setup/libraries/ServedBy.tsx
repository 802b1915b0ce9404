import { useQuery } from "@tanstack/react-query";
import { Link } from "react-aria-components";
import { api, unwrap } from "../../../shared/api/client";
import { useI18n } from "../../../shared/i18n";
import type { Place } from "../../../shared/router";
import { useTexts } from "../../../shared/texts";
import { staffPath } from "../../screens";
import type { Library } from "../forms/queries";
import { deskPath, desksQuery } from "../departments/DeskPage";
import { librariesText } from "./text";

/**
 * The places that serve a library (DOMAIN: the departments serving it, its desks that support
 * digitization), each linked to its screen; when there is none, what to do about it.
 */
export function ServedBy({ place, library, brief = false }: { place: Place; library: Library; brief?: boolean }) {
  const l = useTexts(librariesText);
  const { t } = useI18n();
  const departments = useQuery({
    queryKey: ["setup", "departments", "serving", library.id],
    queryFn: async () =>
      (await unwrap(api.GET("/api/v1/departments", { params: { query: { library_id: library.id } } }))).departments,
  });
  const desks = useQuery(desksQuery(library.id));
  if (departments.isPending || desks.isPending) return <span className="loading">{t.loading}</span>;
  const places = [
    ...(departments.data ?? []).map((d) => ({
      key: `d${d.id}`,
      label: l.department(d.name),
      path: `/setup/departments/${encodeURIComponent(d.code)}`,
    })),
    ...(desks.data ?? [])
      .filter((d) => d.digitization.supports_digitization)
      .map((d) => ({ key: `k${d.id}`, label: l.desk(d.name), path: deskPath(library, d) })),
  ];
  if (places.length === 0)
    return brief ? (
      <strong>{l.notServed}</strong>
    ) : (
      <div className="notice">
        <p>
          <strong>{l.notServed}</strong>
        </p>
        <p>{l.notServedHelp}</p>
        <p className="setup-actions">
          <Link href={staffPath(place, "/setup/departments/new")}>{l.newDepartment}</Link>
          <Link href={staffPath(place, deskPath(library, null))}>{l.newDesk}</Link>
        </p>
      </div>
    );
  return (
    <ul className="setup-places">
      {places.map((p) => (
        <li key={p.key}>
          <Link href={staffPath(place, p.path)}>{p.label}</Link>
        </li>
      ))}
    </ul>
  );
}
