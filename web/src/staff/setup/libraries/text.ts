import { defineTexts } from "../../../shared/texts";

/** The texts of the libraries screens: each library and the places that serve it. */
export const librariesText = defineTexts({
  en: {
    title: "Libraries",
    intro:
      "Every library with items patrons may ask to digitize needs a place that serves it: a digitization department or a desk that supports digitization.",
    newLibrary: "New library",
    noLibraries: "No library yet.",
    servedBy: "Served by",
    notServed: "No place serves this library",
    notServedHelp:
      "Requests for its items have nowhere to go. Let an institution-level department serve it, create a library-level department, or let one of its desks support digitization.",
    department: (name: string) => `Department ${name}`,
    desk: (name: string) => `Desk ${name}`,
    newDepartment: "Create a department",
    newDesk: "Create a desk",
    formLabel: "Library",
    saveFailed: "Saving did not work. Try again in a moment.",
  },
  fr: {
    title: "Bibliothèques",
    intro:
      "Chaque bibliothèque dont les usagers peuvent faire numériser des exemplaires a besoin d’un lieu qui la dessert : un département de numérisation ou un comptoir qui prend en charge la numérisation.",
    newLibrary: "Nouvelle bibliothèque",
    noLibraries: "Aucune bibliothèque pour l’instant.",
    servedBy: "Desservie par",
    notServed: "Aucun lieu ne dessert cette bibliothèque",
    notServedHelp:
      "Les demandes portant sur ses exemplaires n’ont nulle part où aller. Faites-la desservir par un département de l’établissement, créez un département de bibliothèque ou faites prendre en charge la numérisation par un de ses comptoirs.",
    department: (name: string) => `Département ${name}`,
    desk: (name: string) => `Comptoir ${name}`,
    newDepartment: "Créer un département",
    newDesk: "Créer un comptoir",
    formLabel: "Bibliothèque",
    saveFailed: "L’enregistrement n’a pas fonctionné. Réessayez dans un instant.",
  },
  de: {
    title: "Bibliotheken",
    intro:
      "Jede Bibliothek mit Exemplaren, deren Digitalisierung bestellt werden kann, braucht einen Ort, der sie bedient: eine Digitalisierungsabteilung oder eine Theke, die Digitalisierung unterstützt.",
    newLibrary: "Neue Bibliothek",
    noLibraries: "Noch keine Bibliothek.",
    servedBy: "Bedient von",
    notServed: "Kein Ort bedient diese Bibliothek",
    notServedHelp:
      "Bestellungen ihrer Exemplare können nirgends hin. Lassen Sie sie von einer Abteilung auf Einrichtungsebene bedienen, legen Sie eine Abteilung auf Bibliotheksebene an oder lassen Sie eine ihrer Theken Digitalisierung unterstützen.",
    department: (name: string) => `Abteilung ${name}`,
    desk: (name: string) => `Theke ${name}`,
    newDepartment: "Abteilung anlegen",
    newDesk: "Theke anlegen",
    formLabel: "Bibliothek",
    saveFailed: "Das Speichern hat nicht geklappt. Versuchen Sie es gleich noch einmal.",
  },
  es: {
    title: "Bibliotecas",
    intro:
      "Toda biblioteca con ejemplares que los usuarios pueden pedir digitalizar necesita un lugar que la atienda: un departamento de digitalización o un mostrador que admita digitalización.",
    newLibrary: "Nueva biblioteca",
    noLibraries: "Todavía no hay bibliotecas.",
    servedBy: "Atendida por",
    notServed: "Ningún lugar atiende a esta biblioteca",
    notServedHelp:
      "Las solicitudes de sus ejemplares no tienen adónde ir. Haga que la atienda un departamento de nivel institución, cree un departamento de nivel biblioteca o haga que uno de sus mostradores admita digitalización.",
    department: (name: string) => `Departamento ${name}`,
    desk: (name: string) => `Mostrador ${name}`,
    newDepartment: "Crear un departamento",
    newDesk: "Crear un mostrador",
    formLabel: "Biblioteca",
    saveFailed: "No se pudo guardar. Vuelva a intentarlo en un momento.",
  },
});
