import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "react-aria-components";
import { api, ApiError, unwrap } from "../../../shared/api/client";
import { useTexts } from "../../../shared/texts";
import { useDateTime } from "../../date-time";
import { spKeysText } from "./sp-keys-text";

/*
 * A SAML provider's key pairs of Recto's and their rollover: add a new pair, activate it, retire
 * the one it replaced. The buttons are the server's allowed actions; what happened is said in
 * the status line, a refusal in the server's words (its error catalogue, in the page's language).
 */

const readSpKeys = (providerId: number) =>
  unwrap(api.GET("/api/v1/identity-providers/{id}/sp-keys", { params: { path: { id: providerId } } }));
type SpKeys = Awaited<ReturnType<typeof readSpKeys>>;
const spKeysQuery = (providerId: number) =>
  queryOptions({
    queryKey: ["setup", "identity-provider", providerId, "sp-keys"],
    queryFn: () => readSpKeys(providerId),
  });
type Step = { action: "add" } | { action: "activate" | "retire"; keyId: number };

export function SpKeys({ providerId }: { providerId: number }) {
  const k = useTexts(spKeysText);
  const formatDateTime = useDateTime();
  const client = useQueryClient();
  const keys = useQuery(spKeysQuery(providerId));
  const [said, setSaid] = useState("");
  const [retiring, setRetiring] = useState<number | null>(null);
  const step = useMutation({
    mutationFn: (s: Step): Promise<SpKeys> => {
      if (s.action === "add") {
        return unwrap(api.POST("/api/v1/identity-providers/{id}/sp-keys", { params: { path: { id: providerId } } }));
      }
      const path = { id: providerId, key_id: s.keyId };
      return s.action === "activate"
        ? unwrap(api.POST("/api/v1/identity-providers/{id}/sp-keys/{key_id}/activate", { params: { path } }))
        : unwrap(api.POST("/api/v1/identity-providers/{id}/sp-keys/{key_id}/retire", { params: { path } }));
    },
    onMutate: () => setSaid(""),
    onSuccess: (answer, s) => {
      client.setQueryData(spKeysQuery(providerId).queryKey, answer);
      setRetiring(null);
      setSaid(s.action === "add" ? k.added : s.action === "activate" ? k.activated : k.retired);
    },
    onError: (err) => setSaid(err instanceof ApiError ? err.message : k.failed),
  });
  if (!keys.data) return null;
  const number = (id: number) => keys.data.sp_keys.findIndex((key) => key.id === id) + 1;
  return (
    <section aria-labelledby="sp-keys-heading" className="sign-on-provider">
      <h2 id="sp-keys-heading">{k.title}</h2>
      <p>{k.intro}</p>
      <table className="setup-table">
        <caption>{k.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{k.status}</th>
            <th scope="col">{k.fingerprint}</th>
            <th scope="col">{k.since}</th>
            <th scope="col">{k.actions}</th>
          </tr>
        </thead>
        <tbody>
          {keys.data.sp_keys.map((key) => (
            <tr key={key.id}>
              <td data-label={k.status}>
                <span className="visually-hidden">{k.which(number(key.id))}: </span>
                {k.statuses[key.status]}
              </td>
              <td data-label={k.fingerprint}>
                <code className="sign-on-fingerprint">{key.fingerprint_sha256}</code>
              </td>
              <td data-label={k.since}>{formatDateTime(key.created_at)}</td>
              <td data-label={k.actions}>
                {retiring === key.id ? (
                  <div role="group" aria-label={`${k.retire} – ${k.which(number(key.id))}`} className="sign-on-confirm">
                    <p>{k.confirmRetire}</p>
                    <Button
                      className="button danger"
                      isDisabled={step.isPending}
                      onPress={() => step.mutate({ action: "retire", keyId: key.id })}
                    >
                      {k.yesRetire}
                    </Button>{" "}
                    <Button className="button secondary" onPress={() => setRetiring(null)}>
                      {k.cancel}
                    </Button>
                  </div>
                ) : (
                  <>
                    {key.allowed_actions.includes("activate") && (
                      <Button
                        className="button secondary"
                        isDisabled={step.isPending}
                        onPress={() => step.mutate({ action: "activate", keyId: key.id })}
                      >
                        {k.activate}
                        <span className="visually-hidden"> – {k.which(number(key.id))}</span>
                      </Button>
                    )}{" "}
                    {key.allowed_actions.includes("retire") && (
                      <Button className="button secondary" onPress={() => setRetiring(key.id)}>
                        {k.retire}
                        <span className="visually-hidden"> – {k.which(number(key.id))}</span>
                      </Button>
                    )}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="setup-actions">
        {keys.data.allowed_actions.includes("add") && (
          <Button
            className="button secondary"
            isDisabled={step.isPending}
            onPress={() => step.mutate({ action: "add" })}
          >
            {step.isPending && step.variables?.action === "add" ? k.adding : k.add}
          </Button>
        )}
      </div>
      <p role="status" className="setup-said">
        {said}
      </p>
    </section>
  );
}
