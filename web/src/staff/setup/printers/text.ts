import { defineTexts } from "../../../shared/texts";

/** The texts of the printers screens. */
export const printersText = defineTexts({
  en: {
    title: "Printers",
    intro:
      "Pick slips and cover sheets go to a department’s default printer. A printer with an email address prints by email; without one, its printouts wait in the printout queue.",
    newPrinter: "New printer",
    noPrinters: "No printer yet.",
    method: "How it prints",
    byEmail: "By email",
    queue: "Printout queue",
    email: "Email address",
    emailHint: "Leave empty to keep printouts in the on-screen queue",
    formLabel: "Printer",
    saveFailed: "Saving did not work. Try again in a moment.",
  },
  fr: {
    title: "Imprimantes",
    intro:
      "Les bordereaux et les pages de garde vont à l’imprimante par défaut d’un département. Une imprimante avec une adresse électronique imprime par courriel ; sans adresse, ses impressions attendent dans la file d’impression.",
    newPrinter: "Nouvelle imprimante",
    noPrinters: "Aucune imprimante pour l’instant.",
    method: "Mode d’impression",
    byEmail: "Par courriel",
    queue: "File d’impression",
    email: "Adresse électronique",
    emailHint: "Laissez vide pour garder les impressions dans la file à l’écran",
    formLabel: "Imprimante",
    saveFailed: "L’enregistrement n’a pas fonctionné. Réessayez dans un instant.",
  },
  de: {
    title: "Drucker",
    intro:
      "Abholzettel und Deckblätter gehen an den Standarddrucker einer Abteilung. Ein Drucker mit E-Mail-Adresse druckt per E-Mail; ohne Adresse warten seine Ausdrucke in der Druckwarteschlange.",
    newPrinter: "Neuer Drucker",
    noPrinters: "Noch kein Drucker.",
    method: "Druckweg",
    byEmail: "Per E-Mail",
    queue: "Druckwarteschlange",
    email: "E-Mail-Adresse",
    emailHint: "Leer lassen, damit die Ausdrucke in der Warteschlange am Bildschirm bleiben",
    formLabel: "Drucker",
    saveFailed: "Das Speichern hat nicht geklappt. Versuchen Sie es gleich noch einmal.",
  },
  es: {
    title: "Impresoras",
    intro:
      "Los comprobantes y las portadas van a la impresora predeterminada de un departamento. Una impresora con dirección de correo imprime por correo; sin ella, sus impresiones esperan en la cola de impresión.",
    newPrinter: "Nueva impresora",
    noPrinters: "Todavía no hay impresoras.",
    method: "Cómo imprime",
    byEmail: "Por correo electrónico",
    queue: "Cola de impresión",
    email: "Dirección de correo electrónico",
    emailHint: "Déjela vacía para que las impresiones esperen en la cola en pantalla",
    formLabel: "Impresora",
    saveFailed: "No se pudo guardar. Vuelva a intentarlo en un momento.",
  },
});
