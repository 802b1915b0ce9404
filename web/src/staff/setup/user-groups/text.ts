import { defineTexts } from "../../../shared/texts";

/** The texts of the user groups screens (step 5 of the guide: each group's patron limit). */
export const userGroupsText = defineTexts({
  en: {
    title: "User groups",
    intro:
      "Each group’s patron limit is how many digitization requests one of its patrons may have open at a time. 0: the group cannot request digitization; empty: no limit.",
    newGroup: "New user group",
    noGroups: "No user group yet.",
    limit: "Patron limit",
    limitHint:
      "Open digitization requests a patron may have at a time. Empty: no limit. 0: cannot request digitization.",
    unlimited: "No limit",
    noRequests: "0: cannot request digitization",
    atATime: (n: string) => `${n} at a time`,
    decidedBy: (rule: string) => `Decided by the patron limits rule “${rule}”`,
    formLabel: "User group",
    readOnly: "This group comes from the consortium: change it there.",
    saveFailed: "Saving did not work. Try again in a moment.",
  },
  fr: {
    title: "Groupes d’usagers",
    intro:
      "La limite d’un groupe est le nombre de demandes de numérisation qu’un de ses usagers peut avoir en cours en même temps. 0 : le groupe ne peut pas demander de numérisation ; vide : aucune limite.",
    newGroup: "Nouveau groupe d’usagers",
    noGroups: "Aucun groupe d’usagers pour l’instant.",
    limit: "Limite par usager",
    limitHint:
      "Demandes de numérisation en cours qu’un usager peut avoir en même temps. Vide : aucune limite. 0 : ne peut pas demander de numérisation.",
    unlimited: "Aucune limite",
    noRequests: "0 : ne peut pas demander de numérisation",
    atATime: (n: string) => `${n} à la fois`,
    decidedBy: (rule: string) => `Décidé par la règle de limites par usager « ${rule} »`,
    formLabel: "Groupe d’usagers",
    readOnly: "Ce groupe vient du consortium : modifiez-le là-bas.",
    saveFailed: "L’enregistrement n’a pas fonctionné. Réessayez dans un instant.",
  },
  de: {
    title: "Benutzergruppen",
    intro:
      "Das Limit einer Gruppe ist die Zahl der Digitalisierungsbestellungen, die jemand aus der Gruppe gleichzeitig offen haben darf. 0: Die Gruppe kann keine Digitalisierung bestellen; leer: kein Limit.",
    newGroup: "Neue Benutzergruppe",
    noGroups: "Noch keine Benutzergruppe.",
    limit: "Limit je Benutzer",
    limitHint:
      "Offene Digitalisierungsbestellungen, die jemand gleichzeitig haben darf. Leer: kein Limit. 0: kann keine Digitalisierung bestellen.",
    unlimited: "Kein Limit",
    noRequests: "0: kann keine Digitalisierung bestellen",
    atATime: (n: string) => `${n} gleichzeitig`,
    decidedBy: (rule: string) => `Festgelegt durch die Limitregel „${rule}“`,
    formLabel: "Benutzergruppe",
    readOnly: "Diese Gruppe kommt vom Konsortium: Ändern Sie sie dort.",
    saveFailed: "Das Speichern hat nicht geklappt. Versuchen Sie es gleich noch einmal.",
  },
  es: {
    title: "Grupos de usuarios",
    intro:
      "El límite de un grupo es cuántas solicitudes de digitalización puede tener abiertas a la vez cada uno de sus usuarios. 0: el grupo no puede solicitar digitalización; vacío: sin límite.",
    newGroup: "Nuevo grupo de usuarios",
    noGroups: "Todavía no hay grupos de usuarios.",
    limit: "Límite por usuario",
    limitHint:
      "Solicitudes de digitalización abiertas que un usuario puede tener a la vez. Vacío: sin límite. 0: no puede solicitar digitalización.",
    unlimited: "Sin límite",
    noRequests: "0: no puede solicitar digitalización",
    atATime: (n: string) => `${n} a la vez`,
    decidedBy: (rule: string) => `Lo decide la regla de límites por usuario «${rule}»`,
    formLabel: "Grupo de usuarios",
    readOnly: "Este grupo viene del consorcio: cámbielo allí.",
    saveFailed: "No se pudo guardar. Vuelva a intentarlo en un momento.",
  },
});
