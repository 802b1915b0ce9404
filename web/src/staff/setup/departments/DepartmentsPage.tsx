import { useQueries, useQuery } from "@tanstack/react-query";
import { Link } from "react-aria-components";
import { Page } from "../../../shared/components/Page";
import { LoadFailed } from "../../../shared/components/Status";
import { useI18n } from "../../../shared/i18n";
import type { Place } from "../../../shared/router";
import { useTexts } from "../../../shared/texts";
import { staffPath } from "../../screens";
import { formsText } from "../forms/text";
import { departmentsQuery, librariesQuery, type Library } from "../forms/queries";
import { deskPath, desksQuery } from "./DeskPage";
import { departmentsText } from "./text";

/** Step 2: the digitization departments, then each library's desks. */
export function DepartmentsPage({ place }: { place: Place }) {
  const d = useTexts(departmentsText);
  const { t } = useI18n();
  const departments = useQuery(departmentsQuery);
  const libraries = useQuery(librariesQuery);
  return (
    <Page title={d.title}>
      <p className="lead">{d.intro}</p>
      <h2>{d.departments}</h2>
      <p className="setup-actions">
        <Link className="button" href={staffPath(place, "/setup/departments/new")}>
          {d.newDepartment}
        </Link>
      </p>
      {departments.isPending && <p className="loading">{t.loading}</p>}
      {departments.isError && <LoadFailed retry={() => void departments.refetch()} />}
      {departments.data && <DepartmentTable place={place} departments={departments.data} />}
      <h2>{d.desks}</h2>
      <p>{d.desksIntro}</p>
      {libraries.isError && <LoadFailed retry={() => void libraries.refetch()} />}
      {libraries.data && <Desks place={place} libraries={libraries.data} />}
    </Page>
  );
}

type Department = Awaited<ReturnType<typeof departmentsQuery.queryFn & {}>>[number];

function DepartmentTable({ place, departments }: { place: Place; departments: Department[] }) {
  const d = useTexts(departmentsText);
  const f = useTexts(formsText);
  const { number } = useI18n();
  if (departments.length === 0) return <p>{d.noDepartments}</p>;
  return (
    <table className="setup-table">
      <thead>
        <tr>
          <th scope="col">{f.name}</th>
          <th scope="col">{d.level}</th>
          <th scope="col">{d.serves}</th>
          <th scope="col">{d.workTime}</th>
          <th scope="col">{d.operatorsCount}</th>
        </tr>
      </thead>
      <tbody>
        {departments.map((dep) => (
          <tr key={dep.id}>
            <td>
              <Link href={staffPath(place, `/setup/departments/${encodeURIComponent(dep.code)}`)}>{dep.name}</Link> (
              {dep.code})
            </td>
            <td data-label={d.level}>{dep.owner_level === "institution" ? d.institutionLevel : d.libraryLevel}</td>
            <td data-label={d.serves}>
              {dep.served_libraries.all ? d.allLibraries : dep.served_libraries.libraries.map((l) => l.name).join(", ")}
            </td>
            <td data-label={d.workTime}>{d.days(number(dep.work_time_days))}</td>
            <td data-label={d.operatorsCount}>{number(dep.operators.length)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every library's desks, a table each. */
function Desks({ place, libraries }: { place: Place; libraries: Library[] }) {
  const d = useTexts(departmentsText);
  const f = useTexts(formsText);
  const { number } = useI18n();
  const desks = useQueries({
    queries: libraries.map((l) => desksQuery(l.id)),
  });
  return (
    <>
      {libraries.map((library, i) => {
        const list = desks[i]?.data;
        return (
          <section key={library.id} aria-labelledby={`desks-${library.id}`}>
            <h3 id={`desks-${library.id}`}>{library.name}</h3>
            {list && list.length === 0 && <p>{d.noDesks}</p>}
            {list && list.length > 0 && (
              <table className="setup-table">
                <thead>
                  <tr>
                    <th scope="col">{f.name}</th>
                    <th scope="col">{d.supportsDigitization}</th>
                    <th scope="col">{d.workTime}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((desk) => (
                    <tr key={desk.id}>
                      <td>
                        <Link href={staffPath(place, deskPath(library, desk))}>{desk.name}</Link> ({desk.code})
                      </td>
                      <td data-label={d.supportsDigitization}>
                        {desk.digitization.supports_digitization ? f.yes : f.no}
                      </td>
                      <td data-label={d.workTime}>
                        {desk.digitization.work_time_days === null
                          ? "–"
                          : d.days(number(desk.digitization.work_time_days))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <p>
              <Link href={staffPath(place, deskPath(library, null))}>{d.newDesk(library.name)}</Link>
            </p>
          </section>
        );
      })}
    </>
  );
}
