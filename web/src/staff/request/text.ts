import { defineTexts } from "../../shared/texts";
import { de } from "./text-de";
import { en } from "./text-en";
import { es } from "./text-es";
import { fr } from "./text-fr";

/** The request's page in the staff app (one file per language beside this one). */
export const requestText = defineTexts({ en, fr, de, es });

/** Staff see the states' names as the domain has them, with a few plain words. */
export const stateText = defineTexts({
  en: {
    NEW: "New",
    AWAITING_APPROVAL: "Waiting for approval",
    PICK_FROM_SHELF: "To pick from the shelf",
    IN_TRANSIT: "In transit",
    IN_DIGITIZATION: "In digitization",
    DIGITIZED: "Digitized, not delivered",
    DELIVERED: "Delivered",
    COMPLETED: "Completed",
    CANCELLED: "Cancelled",
    REJECTED: "Rejected",
    EXPIRED: "Expired",
  } as Record<string, string>,
  fr: {
    NEW: "Nouvelle",
    AWAITING_APPROVAL: "En attente d’approbation",
    PICK_FROM_SHELF: "À prélever en rayon",
    IN_TRANSIT: "En transit",
    IN_DIGITIZATION: "En numérisation",
    DIGITIZED: "Numérisée, non livrée",
    DELIVERED: "Livrée",
    COMPLETED: "Terminée",
    CANCELLED: "Annulée",
    REJECTED: "Refusée",
    EXPIRED: "Expirée",
  } as Record<string, string>,
  de: {
    NEW: "Neu",
    AWAITING_APPROVAL: "Wartet auf Genehmigung",
    PICK_FROM_SHELF: "Aus dem Regal auszuheben",
    IN_TRANSIT: "Unterwegs",
    IN_DIGITIZATION: "In Digitalisierung",
    DIGITIZED: "Digitalisiert, nicht geliefert",
    DELIVERED: "Geliefert",
    COMPLETED: "Erledigt",
    CANCELLED: "Storniert",
    REJECTED: "Abgelehnt",
    EXPIRED: "Abgelaufen",
  } as Record<string, string>,
  es: {
    NEW: "Nueva",
    AWAITING_APPROVAL: "Esperando aprobación",
    PICK_FROM_SHELF: "Por recoger del estante",
    IN_TRANSIT: "En tránsito",
    IN_DIGITIZATION: "En digitalización",
    DIGITIZED: "Digitalizada, sin entregar",
    DELIVERED: "Entregada",
    COMPLETED: "Terminada",
    CANCELLED: "Cancelada",
    REJECTED: "Rechazada",
    EXPIRED: "Caducada",
  } as Record<string, string>,
});
