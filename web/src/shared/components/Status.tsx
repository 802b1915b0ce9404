import { useEffect } from "react";
import { Button } from "react-aria-components";
import { useI18n } from "../i18n";
import { navigate } from "../router";
import { Page } from "./Page";

/** The states every page of both apps may be in besides its own: moved on, a message, a failed load. */

export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

export function Message({ title, body }: { title: string; body: string }) {
  return (
    <Page title={title}>
      <p>{body}</p>
    </Page>
  );
}

export function LoadFailed({ retry }: { retry(): void }) {
  const { t } = useI18n();
  return (
    <div className="notice" role="alert">
      <p>{t.loadFailed}</p>
      <Button className="button secondary" onPress={retry}>
        {t.tryAgain}
      </Button>
    </div>
  );
}
