import type { Id, Timestamp } from "./columns.js";

/** A SAML message id Recto remembers for one identity provider (027_saml_replay_cache). */
export interface SamlMessageIdsTable {
  id: Id;
  institution_id: number;
  provider_id: number;
  /**
   * "request": an AuthnRequest Recto sent; "assertion": an assertion already used to sign in;
   * "session": a session begun by SAML, keyed by sha256 of its token
   */
  kind: "request" | "assertion" | "session";
  message_id: string;
  /** for "session": JSON { name_id, name_id_format, session_index } */
  data: string | null;
  expires_at: Timestamp;
}
