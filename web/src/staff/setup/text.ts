import { defineTexts } from "../../shared/texts";
import { letterNames } from "./letter-names";

/**
 * The readiness page's texts. Problems come from the server as stable kinds with the names of
 * what is wrong; the sentences are written here, in each language (the server's English message
 * is for the command line).
 */

export interface ProblemWords {
  /** "the department Science Digitization (SCI_DIGI)" */
  subject: string;
  /** a letter's language, in words */
  language: string;
  /** the reason code, the render error, the language the text falls back to */
  detail: string;
}

type Sentence = (w: ProblemWords) => string;

export const readinessText = defineTexts({
  en: {
    title: "Readiness check",
    intro:
      "Recto checks the setup against the guide’s steps. Fix what is listed below, then check again: when nothing is left, patrons can ask for copies.",
    ready: "Ready to take requests",
    toFix: (n: string, one: boolean) =>
      one ? "1 thing to fix before patrons can ask" : `${n} things to fix before patrons can ask`,
    warnings: (n: string, one: boolean) => (one ? "1 thing could be better" : `${n} things could be better`),
    checkedAt: (time: string) => `Checked at ${time}.`,
    checkAgain: "Check again",
    checking: "Checking…",
    step: (n: number) => `Step ${n}`,
    statusFail: "Needs fixing",
    statusWarn: "Could be better",
    passed: (n: string, one: boolean) => (one ? "1 check passed" : `${n} checks passed`),
    fixIn: (screen: string) => `Fix it in: ${screen}`,
    checks: {
      libraries_served: "A place serves every library with digitizable items",
      work_times_set: "Every place has a work time",
      places_have_printers: "Every department that prints pick slips has a printer",
      delivery_rules_cover_groups: "Delivery rules let every group that may request receive files",
      default_digitization_rule: "A default digitization rule exists",
      approval_reasons_active: "No rule names an inactive approval reason",
      display_rules_show_digitization: "No active display rule hides digitization from everyone",
      delivery_letters_enabled: "The letter of each delivery method in use is enabled",
      letters_render: "Letters can be written in every language patrons prefer",
      places_have_operators: "Every place has operators",
    } as Record<string, string>,
    subjects: {
      institution: () => "the institution",
      library: (x: string) => `the library ${x}`,
      department: (x: string) => `the department ${x}`,
      desk: (x: string) => `the desk ${x}`,
      user_group: (x: string) => `the user group ${x}`,
      rule: (x: string) => `the rule “${x}”`,
      defaultRule: "the default rule",
      letter: (x: string) => `the letter “${x}”`,
    },
    problems: {
      no_libraries: () => "There is no library yet: add the libraries whose items may be scanned.",
      no_digitizable_items: () => "No library has items that may be digitized yet: import the catalogue.",
      library_unserved: (w) =>
        `${cap(w.subject)} has items that may be digitized, but no department or desk serves it.`,
      no_work_time: (w) => `${cap(w.subject)} has no work time, so unfilled requests never expire.`,
      no_printer: (w) => `${cap(w.subject)} prints a pick slip for each request but has no printer.`,
      no_user_groups: () => "There are no user groups yet: each patron belongs to one.",
      no_group_may_request: () => "Every user group has a limit of 0, so nobody may ask for copies.",
      group_not_covered: (w) => `${cap(w.subject)} may ask for copies, but no delivery rule lets them receive files.`,
      no_default_rule: () => "The Default Digitization Rule is missing or incomplete.",
      inactive_reason: (w) => `${cap(w.subject)} names the approval reason ${w.detail}, which is inactive.`,
      unknown_reason: (w) => `${cap(w.subject)} names the approval reason ${w.detail}, which does not exist.`,
      hides_digitization: (w) => `${cap(w.subject)} hides digitization from every patron.`,
      letter_disabled: (w) => `${cap(w.subject)} is switched off, but patrons need it when their file is ready.`,
      render_failed: (w) => `${cap(w.subject)} cannot be written in ${w.language}: ${w.detail}`,
      letter_not_in_language: (w) =>
        `${cap(w.subject)} has no text in ${w.language}: those patrons get it in ${w.detail}.`,
      no_operators: (w) => `${cap(w.subject)} has no operators: nobody can do its work.`,
    } as Record<string, Sentence>,
    letters: letterNames.en,
    screens: {
      libraries: "Libraries",
      catalogue: "Catalogue import",
      departments: "Digitization departments",
      printers: "Printers",
      "user-groups": "User groups",
      roles: "Roles",
      "rules/digitization": "Digitization rules",
      "rules/delivery": "Delivery rules",
      "rules/display_logic": "Display logic rules",
      "rules/patron_limits": "Patron limits",
      "approval-reasons": "Approval reasons",
      letters: "Letters",
    } as Record<string, string>,
  },
  fr: {
    title: "Vérification de la configuration",
    intro:
      "Recto vérifie la configuration étape par étape, comme le guide. Corrigez ce qui est listé ci-dessous, puis vérifiez de nouveau : quand il ne reste rien, les usagers peuvent demander des copies.",
    ready: "Prêt à recevoir des demandes",
    toFix: (n: string, one: boolean) =>
      one
        ? "1 point à corriger avant que les usagers puissent demander"
        : `${n} points à corriger avant que les usagers puissent demander`,
    warnings: (n: string, one: boolean) =>
      one ? "1 point pourrait être amélioré" : `${n} points pourraient être améliorés`,
    checkedAt: (time: string) => `Vérifié à ${time}.`,
    checkAgain: "Vérifier de nouveau",
    checking: "Vérification…",
    step: (n: number) => `Étape ${n}`,
    statusFail: "À corriger",
    statusWarn: "À améliorer",
    passed: (n: string, one: boolean) => (one ? "1 vérification réussie" : `${n} vérifications réussies`),
    fixIn: (screen: string) => `Corriger dans : ${screen}`,
    checks: {
      libraries_served: "Un lieu dessert chaque bibliothèque dont des documents peuvent être numérisés",
      work_times_set: "Chaque lieu a un délai de traitement",
      places_have_printers: "Chaque service qui imprime des fiches de prélèvement a une imprimante",
      delivery_rules_cover_groups: "Les règles de livraison couvrent chaque groupe autorisé à demander",
      default_digitization_rule: "Une règle de numérisation par défaut existe",
      approval_reasons_active: "Aucune règle ne cite un motif d’approbation inactif",
      display_rules_show_digitization: "Aucune règle d’affichage ne masque la numérisation à tout le monde",
      delivery_letters_enabled: "La lettre de chaque mode de livraison utilisé est activée",
      letters_render: "Les lettres peuvent être rédigées dans chaque langue préférée des usagers",
      places_have_operators: "Chaque lieu a des opérateurs",
    } as Record<string, string>,
    subjects: {
      institution: () => "l’établissement",
      library: (x: string) => `la bibliothèque ${x}`,
      department: (x: string) => `le service ${x}`,
      desk: (x: string) => `la banque de prêt ${x}`,
      user_group: (x: string) => `le groupe d’usagers ${x}`,
      rule: (x: string) => `la règle « ${x} »`,
      defaultRule: "la règle par défaut",
      letter: (x: string) => `la lettre « ${x} »`,
    },
    problems: {
      no_libraries: () =>
        "Il n’y a encore aucune bibliothèque : ajoutez celles dont les documents peuvent être numérisés.",
      no_digitizable_items: () => "Aucune bibliothèque n’a encore de documents numérisables : importez le catalogue.",
      library_unserved: (w) =>
        `${cap(w.subject)} a des documents numérisables, mais aucun service ni banque de prêt ne la dessert.`,
      no_work_time: (w) =>
        `${cap(w.subject)} n’a pas de délai de traitement : les demandes non traitées n’expirent jamais.`,
      no_printer: (w) => `${cap(w.subject)} imprime une fiche pour chaque demande mais n’a pas d’imprimante.`,
      no_user_groups: () => "Il n’y a encore aucun groupe d’usagers : chaque usager appartient à un groupe.",
      no_group_may_request: () => "Chaque groupe d’usagers a une limite de 0 : personne ne peut demander de copie.",
      group_not_covered: (w) =>
        `${cap(w.subject)} peut demander des copies, mais aucune règle de livraison ne lui permet de recevoir des fichiers.`,
      no_default_rule: () => "La règle de numérisation par défaut est absente ou incomplète.",
      inactive_reason: (w) => `${cap(w.subject)} cite le motif d’approbation ${w.detail}, qui est inactif.`,
      unknown_reason: (w) => `${cap(w.subject)} cite le motif d’approbation ${w.detail}, qui n’existe pas.`,
      hides_digitization: (w) => `${cap(w.subject)} masque la numérisation à tous les usagers.`,
      letter_disabled: (w) =>
        `${cap(w.subject)} est désactivée, alors que les usagers en ont besoin quand leur fichier est prêt.`,
      render_failed: (w) => `${cap(w.subject)} ne peut pas être rédigée en ${w.language} : ${w.detail}`,
      letter_not_in_language: (w) =>
        `${cap(w.subject)} n’a pas de texte en ${w.language} : ces usagers la reçoivent en ${w.detail}.`,
      no_operators: (w) => `${cap(w.subject)} n’a pas d’opérateur : personne ne peut faire son travail.`,
    } as Record<string, Sentence>,
    letters: letterNames.fr,
    screens: {
      libraries: "Bibliothèques",
      catalogue: "Import du catalogue",
      departments: "Services de numérisation",
      printers: "Imprimantes",
      "user-groups": "Groupes d’usagers",
      roles: "Rôles",
      "rules/digitization": "Règles de numérisation",
      "rules/delivery": "Règles de livraison",
      "rules/display_logic": "Règles d’affichage",
      "rules/patron_limits": "Limites par usager",
      "approval-reasons": "Motifs d’approbation",
      letters: "Lettres",
    } as Record<string, string>,
  },
  de: {
    title: "Einrichtungsprüfung",
    intro:
      "Recto prüft die Einrichtung Schritt für Schritt wie die Anleitung. Beheben Sie, was unten steht, und prüfen Sie erneut: Ist nichts mehr offen, können Nutzende Kopien bestellen.",
    ready: "Bereit für Bestellungen",
    toFix: (n: string, one: boolean) =>
      one
        ? "1 Punkt ist zu beheben, bevor Nutzende bestellen können"
        : `${n} Punkte sind zu beheben, bevor Nutzende bestellen können`,
    warnings: (n: string, one: boolean) =>
      one ? "1 Punkt ließe sich verbessern" : `${n} Punkte ließen sich verbessern`,
    checkedAt: (time: string) => `Geprüft um ${time}.`,
    checkAgain: "Erneut prüfen",
    checking: "Wird geprüft …",
    step: (n: number) => `Schritt ${n}`,
    statusFail: "Zu beheben",
    statusWarn: "Verbesserbar",
    passed: (n: string, one: boolean) => (one ? "1 Prüfung bestanden" : `${n} Prüfungen bestanden`),
    fixIn: (screen: string) => `Beheben unter: ${screen}`,
    checks: {
      libraries_served: "Jede Bibliothek mit digitalisierbaren Exemplaren wird von einem Ort bedient",
      work_times_set: "Jeder Ort hat eine Bearbeitungszeit",
      places_have_printers: "Jede Abteilung, die Entnahmezettel druckt, hat einen Drucker",
      delivery_rules_cover_groups: "Die Lieferregeln erfassen jede Gruppe, die bestellen darf",
      default_digitization_rule: "Eine Standardregel für die Digitalisierung ist vorhanden",
      approval_reasons_active: "Keine Regel nennt einen inaktiven Genehmigungsgrund",
      display_rules_show_digitization: "Keine aktive Anzeigeregel verbirgt die Digitalisierung vor allen",
      delivery_letters_enabled: "Der Brief jeder genutzten Lieferart ist eingeschaltet",
      letters_render: "Briefe lassen sich in jeder von Nutzenden bevorzugten Sprache erstellen",
      places_have_operators: "Jeder Ort hat Bearbeitende",
    } as Record<string, string>,
    subjects: {
      institution: () => "die Einrichtung",
      library: (x: string) => `die Bibliothek ${x}`,
      department: (x: string) => `die Abteilung ${x}`,
      desk: (x: string) => `die Theke ${x}`,
      user_group: (x: string) => `die Nutzergruppe ${x}`,
      rule: (x: string) => `die Regel „${x}“`,
      defaultRule: "die Standardregel",
      letter: (x: string) => `der Brief „${x}“`,
    },
    problems: {
      no_libraries: () =>
        "Es gibt noch keine Bibliothek: Legen Sie die Bibliotheken an, deren Bestände gescannt werden dürfen.",
      no_digitizable_items: () => "Noch keine Bibliothek hat digitalisierbare Exemplare: Importieren Sie den Katalog.",
      library_unserved: (w) =>
        `${cap(w.subject)} hat digitalisierbare Exemplare, aber keine Abteilung oder Theke bedient sie.`,
      no_work_time: (w) => `${cap(w.subject)} hat keine Bearbeitungszeit: Offene Bestellungen laufen nie ab.`,
      no_printer: (w) => `${cap(w.subject)} druckt für jede Bestellung einen Entnahmezettel, hat aber keinen Drucker.`,
      no_user_groups: () => "Es gibt noch keine Nutzergruppen: Jede Person gehört zu einer Gruppe.",
      no_group_may_request: () => "Jede Nutzergruppe hat die Grenze 0: Niemand kann Kopien bestellen.",
      group_not_covered: (w) =>
        `${cap(w.subject)} darf Kopien bestellen, aber keine Lieferregel erlaubt ihr, Dateien zu erhalten.`,
      no_default_rule: () => "Die Standardregel für die Digitalisierung fehlt oder ist unvollständig.",
      inactive_reason: (w) => `${cap(w.subject)} nennt den Genehmigungsgrund ${w.detail}, der inaktiv ist.`,
      unknown_reason: (w) => `${cap(w.subject)} nennt den Genehmigungsgrund ${w.detail}, den es nicht gibt.`,
      hides_digitization: (w) => `${cap(w.subject)} verbirgt die Digitalisierung vor allen Nutzenden.`,
      letter_disabled: (w) =>
        `${cap(w.subject)} ist ausgeschaltet, obwohl Nutzende ihn brauchen, wenn ihre Datei bereitsteht.`,
      render_failed: (w) => `${cap(w.subject)} lässt sich nicht auf ${w.language} erstellen: ${w.detail}`,
      letter_not_in_language: (w) =>
        `${cap(w.subject)} hat keinen Text auf ${w.language}: Diese Nutzenden erhalten ihn auf ${w.detail}.`,
      no_operators: (w) => `${cap(w.subject)} hat keine Bearbeitenden: Niemand kann die Arbeit erledigen.`,
    } as Record<string, Sentence>,
    letters: letterNames.de,
    screens: {
      libraries: "Bibliotheken",
      catalogue: "Katalogimport",
      departments: "Digitalisierungsabteilungen",
      printers: "Drucker",
      "user-groups": "Nutzergruppen",
      roles: "Rollen",
      "rules/digitization": "Digitalisierungsregeln",
      "rules/delivery": "Lieferregeln",
      "rules/display_logic": "Anzeigeregeln",
      "rules/patron_limits": "Bestellgrenzen",
      "approval-reasons": "Genehmigungsgründe",
      letters: "Briefe",
    } as Record<string, string>,
  },
  es: {
    title: "Comprobación de la configuración",
    intro:
      "Recto comprueba la configuración paso a paso, como la guía. Corrija lo que aparece abajo y vuelva a comprobar: cuando no quede nada, los usuarios podrán pedir copias.",
    ready: "Listo para recibir solicitudes",
    toFix: (n: string, one: boolean) =>
      one
        ? "1 cosa por corregir antes de que los usuarios puedan pedir"
        : `${n} cosas por corregir antes de que los usuarios puedan pedir`,
    warnings: (n: string, one: boolean) => (one ? "1 cosa podría mejorar" : `${n} cosas podrían mejorar`),
    checkedAt: (time: string) => `Comprobado a las ${time}.`,
    checkAgain: "Comprobar de nuevo",
    checking: "Comprobando…",
    step: (n: number) => `Paso ${n}`,
    statusFail: "Por corregir",
    statusWarn: "Mejorable",
    passed: (n: string, one: boolean) => (one ? "1 comprobación superada" : `${n} comprobaciones superadas`),
    fixIn: (screen: string) => `Corregir en: ${screen}`,
    checks: {
      libraries_served: "Un lugar atiende cada biblioteca con ejemplares digitalizables",
      work_times_set: "Cada lugar tiene un plazo de trabajo",
      places_have_printers: "Cada departamento que imprime hojas de recogida tiene impresora",
      delivery_rules_cover_groups: "Las reglas de entrega cubren cada grupo que puede solicitar",
      default_digitization_rule: "Existe una regla de digitalización por defecto",
      approval_reasons_active: "Ninguna regla nombra un motivo de aprobación inactivo",
      display_rules_show_digitization: "Ninguna regla de visualización oculta la digitalización a todos",
      delivery_letters_enabled: "La carta de cada modo de entrega en uso está activada",
      letters_render: "Las cartas se pueden redactar en cada idioma que prefieren los usuarios",
      places_have_operators: "Cada lugar tiene operadores",
    } as Record<string, string>,
    subjects: {
      institution: () => "la institución",
      library: (x: string) => `la biblioteca ${x}`,
      department: (x: string) => `el departamento ${x}`,
      desk: (x: string) => `el mostrador ${x}`,
      user_group: (x: string) => `el grupo de usuarios ${x}`,
      rule: (x: string) => `la regla «${x}»`,
      defaultRule: "la regla por defecto",
      letter: (x: string) => `la carta «${x}»`,
    },
    problems: {
      no_libraries: () => "Aún no hay ninguna biblioteca: añada las bibliotecas cuyos ejemplares se pueden escanear.",
      no_digitizable_items: () => "Ninguna biblioteca tiene aún ejemplares digitalizables: importe el catálogo.",
      library_unserved: (w) =>
        `${cap(w.subject)} tiene ejemplares digitalizables, pero ningún departamento ni mostrador la atiende.`,
      no_work_time: (w) => `${cap(w.subject)} no tiene plazo de trabajo: las solicitudes pendientes nunca caducan.`,
      no_printer: (w) => `${cap(w.subject)} imprime una hoja de recogida por solicitud, pero no tiene impresora.`,
      no_user_groups: () => "Aún no hay grupos de usuarios: cada usuario pertenece a uno.",
      no_group_may_request: () => "Todos los grupos de usuarios tienen un límite de 0: nadie puede pedir copias.",
      group_not_covered: (w) =>
        `${cap(w.subject)} puede pedir copias, pero ninguna regla de entrega le permite recibir archivos.`,
      no_default_rule: () => "Falta la regla de digitalización por defecto o está incompleta.",
      inactive_reason: (w) => `${cap(w.subject)} nombra el motivo de aprobación ${w.detail}, que está inactivo.`,
      unknown_reason: (w) => `${cap(w.subject)} nombra el motivo de aprobación ${w.detail}, que no existe.`,
      hides_digitization: (w) => `${cap(w.subject)} oculta la digitalización a todos los usuarios.`,
      letter_disabled: (w) =>
        `${cap(w.subject)} está desactivada, pero los usuarios la necesitan cuando su archivo está listo.`,
      render_failed: (w) => `${cap(w.subject)} no se puede redactar en ${w.language}: ${w.detail}`,
      letter_not_in_language: (w) =>
        `${cap(w.subject)} no tiene texto en ${w.language}: esos usuarios la reciben en ${w.detail}.`,
      no_operators: (w) => `${cap(w.subject)} no tiene operadores: nadie puede hacer su trabajo.`,
    } as Record<string, Sentence>,
    letters: letterNames.es,
    screens: {
      libraries: "Bibliotecas",
      catalogue: "Importación del catálogo",
      departments: "Departamentos de digitalización",
      printers: "Impresoras",
      "user-groups": "Grupos de usuarios",
      roles: "Roles",
      "rules/digitization": "Reglas de digitalización",
      "rules/delivery": "Reglas de entrega",
      "rules/display_logic": "Reglas de visualización",
      "rules/patron_limits": "Límites por usuario",
      "approval-reasons": "Motivos de aprobación",
      letters: "Cartas",
    } as Record<string, string>,
  },
});

/** A sentence starts with a capital, whatever the subject's article. */
function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
