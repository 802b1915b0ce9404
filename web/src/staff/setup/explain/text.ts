import { defineTexts } from "../../../shared/texts";

type Check =
  | "terms_of_use"
  | "patron_status"
  | "patron_blocks"
  | "patron_limit"
  | "patron_group"
  | "delivery"
  | "handling_place"
  | "display_logic"
  | "items";
type Result = "disabled" | "failed" | "matched";

/** The explain page: which services a patron is offered on a title, and which rule decided each step. */
export const explainText = defineTexts({
  en: {
    title: "Explain",
    intro:
      "Choose a patron and a title (and, if you like, one of its items) to see each service’s decision step by step.",
    patron: "Patron",
    patronSearch: "Name, user id, email or library card",
    findPatron: "Find patrons",
    title_: "Title",
    titleSearch: "Words of the title or author, an ISBN, or an identifier",
    findTitle: "Find titles",
    choose: "Choose",
    chosen: "Chosen",
    change: "Change",
    noneFound: "Nothing found.",
    item: "Item",
    anyItem: "Any suitable item",
    services: { DIGITIZATION: "Digitization", GENERAL_DIGITIZATION: "General digitization" } as Record<string, string>,
    offered: "Offered",
    notOffered: "Not offered",
    passed: "passed",
    failed: "stopped here",
    checks: {
      terms_of_use: "Terms of use (fulfillment unit rules)",
      patron_status: "The patron’s account",
      patron_blocks: "Blocks",
      patron_limit: "Patron limit",
      patron_group: "User group may not request digitization",
      delivery: "Electronic document delivery rules",
      handling_place: "A place that serves the library",
      display_logic: "Display logic rules",
      items: "Items",
    } satisfies Record<Check, string>,
    decidedBy: "Decided by",
    defaultRule: (table: string) => `the default of ${table}`,
    rulesTried: (n: number) => (n === 1 ? "1 rule tried" : `${n} rules tried, in order`),
    results: { disabled: "switched off", failed: "did not match", matched: "matched" } satisfies Record<Result, string>,
    tables: {
      digitization: "Digitization and copyright rules",
      delivery: "Delivery rules",
      display_logic: "Display logic",
      patron_limits: "Patron limits",
    } as Record<string, string>,
    fulfillmentUnit: (code: string) => `Fulfillment unit ${code}`,
    staffWords: "The sentences come from the server, in English.",
  },
  fr: {
    title: "Expliquer",
    intro:
      "Choisissez un usager et un titre (et, si vous le souhaitez, l’un de ses exemplaires) pour voir la décision de chaque service, étape par étape.",
    patron: "Usager",
    patronSearch: "Nom, identifiant, courriel ou carte de bibliothèque",
    findPatron: "Chercher des usagers",
    title_: "Titre",
    titleSearch: "Mots du titre ou de l’auteur, un ISBN ou un identifiant",
    findTitle: "Chercher des titres",
    choose: "Choisir",
    chosen: "Choisi",
    change: "Changer",
    noneFound: "Aucun résultat.",
    item: "Exemplaire",
    anyItem: "Tout exemplaire qui convient",
    services: { DIGITIZATION: "Numérisation", GENERAL_DIGITIZATION: "Numérisation générale" } as Record<string, string>,
    offered: "Proposé",
    notOffered: "Non proposé",
    passed: "réussie",
    failed: "arrêt ici",
    checks: {
      terms_of_use: "Conditions d’utilisation (règles des unités de service)",
      patron_status: "Le compte de l’usager",
      patron_blocks: "Blocages",
      patron_limit: "Limite par usager",
      patron_group: "Groupe d’usagers sans droit à la numérisation",
      delivery: "Règles de livraison électronique",
      handling_place: "Un lieu qui dessert la bibliothèque",
      display_logic: "Règles de logique d’affichage",
      items: "Exemplaires",
    } satisfies Record<Check, string>,
    decidedBy: "Décidé par",
    defaultRule: (table: string) => `la valeur par défaut de ${table}`,
    rulesTried: (n: number) => (n <= 1 ? `${n} règle essayée` : `${n} règles essayées, dans l’ordre`),
    results: { disabled: "désactivée", failed: "ne correspond pas", matched: "correspond" } satisfies Record<
      Result,
      string
    >,
    tables: {
      digitization: "Règles de numérisation et de droit d’auteur",
      delivery: "Règles de livraison",
      display_logic: "Logique d’affichage",
      patron_limits: "Limites par usager",
    } as Record<string, string>,
    fulfillmentUnit: (code: string) => `Unité de service ${code}`,
    staffWords: "Les phrases viennent du serveur, en anglais.",
  },
  de: {
    title: "Erklären",
    intro:
      "Wählen Sie eine Person und einen Titel (und auf Wunsch eines seiner Exemplare), um die Entscheidung jedes Dienstes Schritt für Schritt zu sehen.",
    patron: "Benutzer",
    patronSearch: "Name, Benutzerkennung, E-Mail oder Bibliotheksausweis",
    findPatron: "Benutzer suchen",
    title_: "Titel",
    titleSearch: "Wörter aus Titel oder Verfasser, eine ISBN oder eine Kennung",
    findTitle: "Titel suchen",
    choose: "Wählen",
    chosen: "Gewählt",
    change: "Ändern",
    noneFound: "Nichts gefunden.",
    item: "Exemplar",
    anyItem: "Jedes passende Exemplar",
    services: { DIGITIZATION: "Digitalisierung", GENERAL_DIGITIZATION: "Allgemeine Digitalisierung" } as Record<
      string,
      string
    >,
    offered: "Angeboten",
    notOffered: "Nicht angeboten",
    passed: "bestanden",
    failed: "hier beendet",
    checks: {
      terms_of_use: "Nutzungsbedingungen (Regeln der Ausleiheinheiten)",
      patron_status: "Das Konto der Person",
      patron_blocks: "Sperren",
      patron_limit: "Limit je Benutzer",
      patron_group: "Benutzergruppe ohne Digitalisierung",
      delivery: "Regeln für die elektronische Lieferung",
      handling_place: "Ein Ort, der die Bibliothek bedient",
      display_logic: "Regeln der Anzeigelogik",
      items: "Exemplare",
    } satisfies Record<Check, string>,
    decidedBy: "Entschieden durch",
    defaultRule: (table: string) => `den Standardwert von ${table}`,
    rulesTried: (n: number) => (n === 1 ? "1 Regel geprüft" : `${n} Regeln geprüft, der Reihe nach`),
    results: { disabled: "ausgeschaltet", failed: "trifft nicht zu", matched: "trifft zu" } satisfies Record<
      Result,
      string
    >,
    tables: {
      digitization: "Digitalisierungs- und Urheberrechtsregeln",
      delivery: "Lieferregeln",
      display_logic: "Anzeigelogik",
      patron_limits: "Limits je Benutzer",
    } as Record<string, string>,
    fulfillmentUnit: (code: string) => `Ausleiheinheit ${code}`,
    staffWords: "Die Sätze kommen vom Server, auf Englisch.",
  },
  es: {
    title: "Explicar",
    intro:
      "Elija un usuario y un título (y, si quiere, uno de sus ejemplares) para ver la decisión de cada servicio paso a paso.",
    patron: "Usuario",
    patronSearch: "Nombre, identificador, correo o carné de biblioteca",
    findPatron: "Buscar usuarios",
    title_: "Título",
    titleSearch: "Palabras del título o del autor, un ISBN o un identificador",
    findTitle: "Buscar títulos",
    choose: "Elegir",
    chosen: "Elegido",
    change: "Cambiar",
    noneFound: "No se encontró nada.",
    item: "Ejemplar",
    anyItem: "Cualquier ejemplar adecuado",
    services: { DIGITIZATION: "Digitalización", GENERAL_DIGITIZATION: "Digitalización general" } as Record<
      string,
      string
    >,
    offered: "Se ofrece",
    notOffered: "No se ofrece",
    passed: "superado",
    failed: "se detuvo aquí",
    checks: {
      terms_of_use: "Condiciones de uso (reglas de las unidades de servicio)",
      patron_status: "La cuenta del usuario",
      patron_blocks: "Bloqueos",
      patron_limit: "Límite por usuario",
      patron_group: "Grupo de usuarios sin digitalización",
      delivery: "Reglas de entrega electrónica",
      handling_place: "Un lugar que atiende a la biblioteca",
      display_logic: "Reglas de lógica de visualización",
      items: "Ejemplares",
    } satisfies Record<Check, string>,
    decidedBy: "Decidido por",
    defaultRule: (table: string) => `el valor predeterminado de ${table}`,
    rulesTried: (n: number) => (n === 1 ? "1 regla probada" : `${n} reglas probadas, en orden`),
    results: { disabled: "desactivada", failed: "no coincide", matched: "coincide" } satisfies Record<Result, string>,
    tables: {
      digitization: "Reglas de digitalización y derechos de autor",
      delivery: "Reglas de entrega",
      display_logic: "Lógica de visualización",
      patron_limits: "Límites por usuario",
    } as Record<string, string>,
    fulfillmentUnit: (code: string) => `Unidad de servicio ${code}`,
    staffWords: "Las frases vienen del servidor, en inglés.",
  },
});
