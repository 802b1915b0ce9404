import type { Executor } from "../db/database.js";
import { reasonLabels } from "../rules/service-terms/approval-reasons-repository.js";
import { FALLBACK_LANGUAGE, builtInLanguageFor, type BuiltInLanguage } from "./built-in/index.js";

/**
 * The reason codes Recto itself gives a request that ends unfulfilled, each with its label in the
 * languages Recto writes letters in. A letter prints the label, never the code: staff and the
 * compatibility API (`DELETE /almaws/.../requests/{id}?reason=CannotBeFulfilled`) send codes, the
 * expiry job records `expired`.
 */
export const RECTO_REASONS: Record<string, Record<BuiltInLanguage, string>> = {
  CancelledAtPatronRequest: {
    en: "Cancelled at your request",
    fr: "Annulée à votre demande",
    de: "Auf Ihren Wunsch storniert",
    es: "Cancelada a petición suya",
  },
  CannotBeFulfilled: {
    en: "The request cannot be fulfilled",
    fr: "La demande ne peut pas être satisfaite",
    de: "Der Auftrag kann nicht ausgeführt werden",
    es: "La solicitud no puede atenderse",
  },
  expired: {
    en: "The time allowed to fulfil the request has passed",
    fr: "Le délai de traitement de la demande est dépassé",
    de: "Die Bearbeitungsfrist des Auftrags ist abgelaufen",
    es: "El plazo para atender la solicitud ha vencido",
  },
};

/** Recto's label of a code in a language (its primary subtag; English for a language Recto does not write). */
export function rectoReasonLabel(code: string, language: string): string | null {
  const labels = Object.hasOwn(RECTO_REASONS, code) ? RECTO_REASONS[code]! : null;
  if (!labels) return null;
  return labels[builtInLanguageFor(language) ?? FALLBACK_LANGUAGE];
}

/**
 * What a letter says for a reason: Recto's label in the letter's language for Recto's codes, else
 * the label of the institution's approval reason with that code (its own list, then its
 * consortium's), else the reason as staff wrote it.
 */
export async function reasonText(
  db: Executor,
  institutionId: number,
  reason: string | null,
  language: string,
): Promise<string | null> {
  if (reason === null) return null;
  const recto = rectoReasonLabel(reason, language);
  if (recto !== null) return recto;
  return (await reasonLabels(db, institutionId, [reason])).get(reason) ?? reason;
}

/** reasonText with the institution's labels for the reason already read (reasonLabels). */
export function reasonTextFrom(labels: Map<string, string>, reason: string | null, language: string): string | null {
  if (reason === null) return null;
  return rectoReasonLabel(reason, language) ?? labels.get(reason) ?? reason;
}
