import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Page } from "../../../shared/components/Page";
import { LoadFailed } from "../../../shared/components/Status";
import { useI18n } from "../../../shared/i18n";
import type { Place } from "../../../shared/router";
import { useTexts } from "../../../shared/texts";
import { workspaceQuery } from "../../workspace";
import { GiveRole } from "./GiveRole";
import { HoldersTable } from "./HoldersTable";
import { grantsQuery, roleTableQuery } from "./queries";
import { rolesText } from "./text";
import "../comms/comms.css";
import "./roles.css";

/** Step 11: give staff their roles with a scope, take them away, and see who holds what where. */
export function RolesPage({ place }: { place: Place }) {
  const r = useTexts(rolesText);
  const { t } = useI18n();
  const workspace = useQuery(workspaceQuery);
  const roles = useQuery(roleTableQuery);
  const grants = useQuery(grantsQuery);
  const [said, setSaid] = useState("");
  if (workspace.data && !workspace.data.setup_areas.people)
    return (
      <Page title={r.title}>
        <p>{r.noRight}</p>
      </Page>
    );
  const failed = roles.isError || grants.isError;
  return (
    <Page title={r.title}>
      <p className="lead">{r.intro}</p>
      <p role="status" className="setup-said" id="roles-said" tabIndex={-1}>
        {said}
      </p>
      {(roles.isPending || grants.isPending) && !failed && <p className="loading">{t.loading}</p>}
      {failed && (
        <LoadFailed
          retry={() => {
            void roles.refetch();
            void grants.refetch();
          }}
        />
      )}
      {roles.data && grants.data && (
        <>
          <GiveRole roles={roles.data.roles} onGiven={setSaid} />
          <HoldersTable
            place={place}
            roles={roles.data.roles}
            grants={grants.data.assignments}
            truncated={grants.data.truncated}
            onSaid={setSaid}
          />
        </>
      )}
    </Page>
  );
}
