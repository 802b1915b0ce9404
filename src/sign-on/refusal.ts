import { AppError } from "../errors.js";
import type { Messages } from "../shared/messages/index.js";

/** Why a sign-in through an identity provider was refused: stable, in the log line and the error's details. */
export type SignOnReason = keyof Messages["signOn"]["reasons"];

/**
 * A refused sign-in: SIGN_ON_REFUSED with its reason, said to the person in plain words. `technical`
 * is for the administrator's log line only (what the library or the provider said), never shown,
 * and never a token or an assertion.
 */
export class SignOnRefusal extends AppError {
  readonly reason: SignOnReason;
  readonly technical: string | undefined;
  constructor(reason: SignOnReason, technical?: string) {
    super("SIGN_ON_REFUSED", { say: (m) => m.signOn.reasons[reason], details: { reason } });
    this.reason = reason;
    this.technical = technical;
  }
}

export const refuseSignOn = (reason: SignOnReason, technical?: string): SignOnRefusal =>
  new SignOnRefusal(reason, technical);
