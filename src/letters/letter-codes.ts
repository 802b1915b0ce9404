/** The letters of DOMAIN 6, in the order staff see them. */
export const LETTER_CODES = [
  "digitization_notification_item",
  "document_delivery_notification",
  "request_cancelled",
  "request_received",
  "resource_request_slip",
] as const;

export type LetterCode = (typeof LETTER_CODES)[number];

export const isLetterCode = (code: string): code is LetterCode => (LETTER_CODES as readonly string[]).includes(code);

interface LetterDefinition {
  description: string;
  /** a letter without a setting row is enabled as this says */
  enabledByDefault: boolean;
}

export const LETTERS: Record<LetterCode, LetterDefinition> = {
  digitization_notification_item: {
    description: "Sent to the patron with the scanned file attached.",
    enabledByDefault: true,
  },
  document_delivery_notification: {
    description: "Sent to the patron with a download link, stating the number of views and the expiry date.",
    enabledByDefault: true,
  },
  request_cancelled: {
    description: "Sent to the patron when a request is cancelled, rejected or expired, with the reason.",
    enabledByDefault: true,
  },
  request_received: {
    description: "Sent to the patron when a request is placed (Recto’s own; disabled by default).",
    enabledByDefault: false,
  },
  resource_request_slip: {
    description: "The pick slip printed for staff (also the text of a print-by-email job).",
    enabledByDefault: true,
  },
};
