import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button, Form } from "react-aria-components";
import { api, ApiError, setCsrfToken, unwrap } from "./api/client";
import { ErrorSummary, type Problem } from "./components/ErrorSummary";
import { Field } from "./components/Field";
import { Page } from "./components/Page";
import { useI18n } from "./i18n";
import { navigate, safeReturn, type Place } from "./router";
import { meQuery, signOnProvidersQuery } from "./session-queries";

/**
 * Signing in, for the patron and the staff app alike, with the institution of the address, a user id and a password. The session cookie
 * is HTTP-only; the CSRF token goes with every write. Above the form, a button for each identity provider of the
 * institution (issue 15); when the institution has switched patrons' passwords off, the patron app shows the buttons alone.
 */
export function SignInPage({
  place,
  institution,
  home,
  intro,
  app,
}: {
  place: Place;
  /** which app signs in: the provider sends the person back to it */
  app: "patron" | "staff";
  institution: { code: string; name: string };
  /** where to go after signing in when the address names no page to return to */
  home: string;
  intro: string;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [userId, setUserId] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<{ userId?: string; password?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const returnTo = safeReturn(place.search.get("return"), home);
  const signOn = useQuery(signOnProvidersQuery(institution.code));
  const providers = signOn.data?.providers ?? [];
  const passwords = app === "staff" || signOn.data?.patron_local_passwords !== false;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const found = {
      ...(userId.trim() === "" ? { userId: t.userIdMissing } : {}),
      ...(password === "" ? { password: t.passwordMissing } : {}),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const res = await unwrap(
        api.POST("/api/v1/auth/login", { body: { institution: institution.code, user_id: userId.trim(), password } }),
      );
      setCsrfToken(res.csrf_token);
      await client.invalidateQueries({ queryKey: meQuery.queryKey });
      navigate(returnTo, { replace: true });
    } catch (err) {
      // The password is never kept after a failure; the user id is.
      setPassword("");
      // The server says why in the page's language (too many attempts: how long to wait).
      const said = err instanceof ApiError && err.status < 500 ? err.message : t.signInFailed;
      setErrors({ form: err instanceof ApiError && err.code === "INVALID_CREDENTIALS" ? t.credentialsWrong : said });
    } finally {
      setBusy(false);
    }
  };

  const problems: Problem[] = [
    ...(errors.form ? [{ message: errors.form }] : []),
    ...(errors.userId ? [{ field: "user-id", message: errors.userId }] : []),
    ...(errors.password ? [{ field: "password", message: errors.password }] : []),
  ];
  return (
    <Page title={t.signInTitle}>
      <ErrorSummary problems={problems} />
      {place.search.get("expired") === "1" && (
        <p className="notice" role="status">
          {t.sessionExpired}
        </p>
      )}
      <p className="lead">{intro}</p>
      {providers.length > 0 && (
        <section aria-labelledby="sign-on-heading" className="sign-on">
          <h2 id="sign-on-heading">{t.signOnHeading}</h2>
          <ul className="sign-on-buttons">
            {providers.map((p) => (
              <li key={p.code}>
                <a
                  className="button"
                  href={`${p.start_url}?${new URLSearchParams({ app, return: returnTo }).toString()}`}
                >
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {passwords && providers.length > 0 && <h2>{t.passwordHeading}</h2>}
      {passwords && (
        <Form className="form narrow" onSubmit={(e) => void submit(e)} validationBehavior="aria">
          <Field
            id="user-id"
            label={t.userId}
            hint={t.userIdHint}
            value={userId}
            onChange={setUserId}
            error={errors.userId}
            autoComplete="username"
            name="username"
          />
          <Field
            id="password"
            label={t.password}
            type="password"
            value={password}
            onChange={setPassword}
            error={errors.password}
            autoComplete="current-password"
            name="password"
          />
          {/* not isPending: its announcement would point at this button after the page has moved on */}
          <Button type="submit" className="button">
            {busy ? t.signingIn : t.signIn}
          </Button>
        </Form>
      )}
      {providers.length === 0 && <p className="hint other-ways">{t.signInOtherWays}</p>}
    </Page>
  );
}
