import { defineTexts } from "../../shared/texts";

/**
 * The letters' names as the Letters page shows them, by code: every setup page that names a
 * letter (the readiness check's problems and fix links too) says the same name.
 */
export const letterNames = defineTexts<Record<string, string>>({
  en: {
    digitization_notification_item: "File attached",
    document_delivery_notification: "Download link",
    request_cancelled: "Request cancelled",
    request_received: "Request received",
    resource_request_slip: "Pick slip",
  },
  fr: {
    digitization_notification_item: "Fichier joint",
    document_delivery_notification: "Lien de téléchargement",
    request_cancelled: "Demande annulée",
    request_received: "Demande reçue",
    resource_request_slip: "Fiche de prélèvement",
  },
  de: {
    digitization_notification_item: "Datei im Anhang",
    document_delivery_notification: "Download-Link",
    request_cancelled: "Bestellung storniert",
    request_received: "Bestellung eingegangen",
    resource_request_slip: "Entnahmezettel",
  },
  es: {
    digitization_notification_item: "Archivo adjunto",
    document_delivery_notification: "Enlace de descarga",
    request_cancelled: "Solicitud cancelada",
    request_received: "Solicitud recibida",
    resource_request_slip: "Ficha de recogida",
  },
});
