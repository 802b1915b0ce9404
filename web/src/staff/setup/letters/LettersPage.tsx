import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-aria-components";
import { Page } from "../../../shared/components/Page";
import { LoadFailed } from "../../../shared/components/Status";
import { useI18n } from "../../../shared/i18n";
import type { Place } from "../../../shared/router";
import { useTexts } from "../../../shared/texts";
import { staffPath } from "../../screens";
import { workspaceQuery } from "../../workspace";
import { EnabledSwitch } from "./EnabledSwitch";
import { languageName } from "./language-name";
import { lettersQuery } from "./queries";
import { lettersText } from "./text";
import "../comms/comms.css";
import "./letters.css";

/** Step 10: the letters Recto writes, whether each is sent, and which texts are the institution's own. */
export function LettersPage({ place }: { place: Place }) {
  const r = useTexts(lettersText);
  const { t, lang } = useI18n();
  const query = useQuery(lettersQuery);
  const [said, setSaid] = useState("");
  const workspace = useQuery(workspaceQuery);
  if (workspace.data && !workspace.data.setup_areas.letters)
    return (
      <Page title={r.title}>
        <p>{r.noRight}</p>
      </Page>
    );
  return (
    <Page title={r.title}>
      <p className="lead">{r.intro}</p>
      <p role="status" className="setup-said">
        {said}
      </p>
      {query.isPending && <p className="loading">{t.loading}</p>}
      {query.isError && <LoadFailed retry={() => void query.refetch()} />}
      {query.data && (
        <table className="setup-table letters-table">
          <thead>
            <tr>
              <th scope="col">{r.colLetter}</th>
              <th scope="col">{r.colWhen}</th>
              <th scope="col">{r.colState}</th>
              <th scope="col">{r.colLanguages}</th>
            </tr>
          </thead>
          <tbody>
            {query.data.letters.map((l) => {
              const own = l.templates.filter((x) => x.customized).map((x) => languageName(x.language, lang));
              return (
                <tr key={l.code}>
                  <th scope="row" data-label={r.colLetter}>
                    <Link href={staffPath(place, `/setup/letters/${l.code}`)}>{r.names[l.code] ?? l.code}</Link>
                    <span className="letter-code">{l.code}</span>
                  </th>
                  <td data-label={r.colWhen}>{r.when[l.code] ?? l.description}</td>
                  <td data-label={r.colState}>
                    <EnabledSwitch letter={l} onSaid={setSaid} />
                  </td>
                  <td data-label={r.colLanguages}>{own.length ? own.join(", ") : r.none}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Page>
  );
}
