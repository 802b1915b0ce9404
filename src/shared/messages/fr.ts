import type { Messages } from "./en.js";

/** The server's messages in French (en.ts is the reference, key for key). */

const pages = (n: number) => (n <= 1 ? `${n} page` : `${n} pages`);

export const fr: Messages = {
  language: "fr",

  errors: {
    VALIDATION_FAILED: "Certains champs sont manquants ou incorrects.",
    MALFORMED_BODY: "Le contenu de la requête est illisible ; envoyez du JSON valide.",
    UNAUTHENTICATED: "Connectez-vous, ou envoyez une clé d’API, pour utiliser ce service.",
    INVALID_CREDENTIALS: "L’établissement, l’identifiant ou le mot de passe est incorrect.",
    TOO_MANY_ATTEMPTS: "Trop de tentatives de connexion ont échoué ; patientez quelques minutes avant de réessayer.",
    CSRF_TOKEN_INVALID:
      "Cette requête du navigateur n’a pas de jeton de sécurité valide ; rechargez la page et réessayez.",
    FORBIDDEN: "Vos rôles ne vous permettent pas cette action.",
    NOT_FOUND: "Cet enregistrement n’existe pas.",
    ROUTE_NOT_FOUND: "Cette adresse de l’API n’existe pas.",
    DUPLICATE: "Un enregistrement avec ce code existe déjà.",
    IN_USE: "Cet enregistrement est encore utilisé et ne peut pas être supprimé.",
    INVALID_STATE_TRANSITION: "L’état de la demande ne permet pas cette action.",
    ITEM_IN_REQUEST_WORKFLOW:
      "Ce document est en transit ou en cours de numérisation pour une demande ; son statut suit celui de la demande.",
    TASKS_NOT_APPROVED:
      "Toutes les validations et vérifications de droits d’auteur requises doivent d’abord être accordées.",
    UNKNOWN_BARCODE: "Aucun document ne porte ce code-barres : vérifiez l’étiquette ou lisez-la à nouveau.",
    NO_OPEN_REQUEST: "Ce document n’a aucune demande en cours : il n’y a rien à prélever ni à enregistrer.",
    REQUEST_AT_OTHER_PLACE: "La demande de ce document est traitée dans un autre lieu, pas ici.",
    NOTHING_TO_SCAN: "La demande de ce document n’attend ni d’être prélevée ni d’être enregistrée.",
    PATRON_LIMIT_REACHED: "Ce lecteur a déjà le nombre maximal de demandes de numérisation en cours.",
    DIGITIZATION_NOT_ALLOWED: "Le groupe de ce lecteur ne peut pas demander de numérisation.",
    PATRON_INACTIVE: "Le compte de ce lecteur est inactif ou a expiré.",
    PATRON_BLOCKED: "Ce lecteur fait l’objet d’un blocage qui empêche les demandes.",
    NO_HANDLING_PLACE: "Aucun service de numérisation ni banque de prêt ne dessert cette bibliothèque.",
    ITEM_REQUIRED:
      "Ce titre a des exemplaires : choisissez-en un (la numérisation générale est réservée aux titres sans exemplaire).",
    DIGITIZATION_NOT_OFFERED:
      "La numérisation de ce document n’est pas proposée à ce lecteur ; la fonction « explain » indique pourquoi.",
    RULE_LOCKED: "Cette règle est fixée par le consortium et ne peut pas être modifiée par ses membres.",
    FORM_LOCKED_BY_CONSORTIUM:
      "Le formulaire de demande est fixé par le consortium et ne peut pas être modifié par ses membres.",
    OUTBOX_NOT_FAILED: "Seul un message en échec de la file d’envoi peut être relancé.",
    UNSUPPORTED_MEDIA_TYPE: "Le type de contenu de la requête n’est pas accepté ici.",
    UNSUPPORTED_FILE_TYPE: "Seuls les fichiers PDF, TIFF, JPEG et PNG sont acceptés.",
    FILE_TOO_LARGE: "Le fichier dépasse la taille maximale autorisée pour un envoi.",
    PAYLOAD_TOO_LARGE: "Le contenu de la requête est trop volumineux.",
    MAIL_NOT_SENT: "Le courrier n’a pas pu être remis au serveur de messagerie.",
    LINK_NOT_FOUND: "Ce lien de téléchargement n’existe pas.",
    LINK_EXPIRED: "Ce lien de téléchargement a expiré, a été utilisé le nombre de fois autorisé, ou a été retiré.",
    LINK_RESUME_CLOSED:
      "Ce téléchargement ne peut plus être repris : relancez-le depuis la page du lien (un nouveau téléchargement compte pour une consultation).",
    RANGE_NOT_SATISFIABLE: "La plage d’octets demandée est en dehors du fichier.",
    PRINTOUT_STATE_CONFLICT: "Le statut de cette impression ne permet pas cette action.",
    DATABASE_BUSY: "La base de données est occupée par un autre traitement ; réessayez dans un instant.",
    INSTITUTION_NOT_CHOSEN:
      "Cette adresse dessert plusieurs établissements : ouvrez l’adresse propre au vôtre, /i/<code>/.",
    OPENURL_UNREADABLE:
      "Cet OpenURL est illisible : son encodage est abîmé, ou il n’indique ni titre, ni ISBN, ni ISSN, ni identifiant à rechercher.",
    SIGN_ON_REFUSED:
      "La connexion par le compte de votre organisation n’a pas abouti ; revenez à la page de connexion et réessayez.",
    PASSWORD_SIGN_IN_OFF:
      "Les usagers de cette bibliothèque se connectent avec le compte de leur organisation, pas avec un mot de passe : utilisez le bouton de connexion de votre organisation.",
    NOT_A_SAML_PROVIDER:
      "Seul un fournisseur SAML a des paires de clés de Recto ; ce fournisseur utilise OpenID Connect.",
    SP_KEY_ROLLOVER_UNFINISHED:
      "Ce fournisseur a déjà une deuxième paire de clés : activez-la ou retirez l’une des deux avant d’en ajouter une autre.",
    SP_KEY_IN_USE:
      "La paire de clés en service ne peut pas être retirée : activez d’abord l’autre (un fournisseur en garde toujours une).",
    SP_KEY_ALREADY_ACTIVE: "Cette paire de clés est déjà celle en service.",
    INTERNAL_ERROR: "Un problème est survenu de notre côté. L’erreur a été enregistrée.",
  },

  notFound: {
    title: "Ce titre n’existe pas.",
    item: "Ce titre n’a pas cet exemplaire.",
    request: "Cette demande n’existe pas.",
    user: "Cet utilisateur n’existe pas.",
    download: "Ce téléchargement n’existe pas.",
    institution: (code) => `Aucun établissement n’a le code ${code}.`,
    noInstitutionYet: "Aucun établissement n’a encore été créé.",
  },
  refusals: {
    tooManyAttempts: (minutes) =>
      `Trop de tentatives de connexion ont échoué ; réessayez dans ${minutes <= 1 ? "1 minute" : `${minutes} minutes`}.`,
    patronLimit: (active, limit) =>
      `Ce compte a déjà ${active} demandes de numérisation en cours ; son groupe en autorise ${limit}.`,
    itemRequired: "Ce titre a plusieurs volumes ou numéros ; indiquez celui dont vous avez besoin.",
    descriptionMatchesNoItem:
      "Aucun exemplaire de ce titre ne porte cette description ; choisissez l’un des volumes ou numéros proposés.",
    cannotInState: "L’état actuel de la demande ne le permet pas ; rechargez-la pour voir où elle en est.",
    changedMeanwhile: "Quelqu’un d’autre a modifié la demande au même moment ; rechargez-la et réessayez.",
    rolesDoNotAllow: "Votre compte ne permet pas cette action sur cette demande.",
  },

  fields: {
    required: "Remplissez ce champ",
    invalid: "Cette valeur n’est pas valide",
    tooLong: (max) => `Saisissez au plus ${max} caractères`,
    tooShort: (min) => `Saisissez au moins ${min} caractères`,
    notANumber: "Saisissez un nombre",
    notWhole: "Saisissez un nombre entier",
    atLeast: (min) => `Saisissez un nombre supérieur ou égal à ${min}`,
    atMost: (max) => `Saisissez un nombre inférieur ou égal à ${max}`,
    tooFew: (min) => `Indiquez-en au moins ${min}`,
    tooMany: (max) => `Indiquez-en au plus ${max}`,
    notText: "Saisissez du texte ici",
    notYesOrNo: "Répondez par oui ou par non",
    notAList: "Donnez une liste ici",
    notOneOf: "Choisissez l’une des valeurs proposées",
    unknownFields: (names) => `Retirez ce que ce formulaire ne connaît pas : ${names}`,
    badFormat: "Ce n’est pas dans la forme attendue",

    pageNumber: "Saisissez un numéro de page comme 12, ou en chiffres romains comme xii",
    pagesBackwards: "La première page doit précéder la dernière",
    realDate: "Saisissez une date qui existe, écrite comme 2031-12-31",
    pemCertificate:
      "Collez un certificat lisible : le texte PEM de -----BEGIN CERTIFICATE----- à -----END CERTIFICATE-----",
    pastDate: "Saisissez la date d’aujourd’hui ou une date future",
    doi: "Saisissez un DOI de la forme 10.1000/xyz123",
    pmid: "Saisissez un identifiant PubMed : des chiffres uniquement",
    id: "Saisissez un identifiant composé de chiffres",
    whichPart: "Indiquez la partie dont vous avez besoin : des pages, ou le titre d’un chapitre ou d’un article",
    whichPartOrComment:
      "Indiquez la partie dont vous avez besoin : des pages, le titre d’un chapitre ou d’un article, ou les pages dans un commentaire",
    chapterTitleForWholeChapter: "Saisissez le titre du chapitre que vous voulez en entier",
    mandatory: "La bibliothèque en a besoin pour accepter votre demande",
    declaration: "Acceptez la déclaration relative au droit d’auteur pour envoyer votre demande",
    mandatoryTick: "Cochez cette case pour envoyer votre demande",
    unknownCheckbox: "Cette case ne figure pas sur le formulaire de demande de la bibliothèque",
    matchesNoItem: "Choisissez l’un des volumes ou numéros proposés",
    libraryRequired: "Indiquez dans quelle bibliothèque chercher : ce titre n’a aucun exemplaire",
    libraryUnknown: "Ce n’est pas une bibliothèque de cet établissement",
    tooManyPages: (asked, max) =>
      `Vous demandez ${pages(asked)} ; les conditions d’utilisation de ce document en autorisent au plus ${max} par demande`,
    cursor: "Ce lien vers la suite des résultats ne fonctionne plus ; reprenez la liste depuis le début",
  },

  plan: {
    listedTwice: "Cette valeur figure deux fois : indiquez chacune une seule fois",
    deskNeeded: "Indiquez le comptoir de cette bibliothèque qui numérise",
    deskElsewhere: "Ce comptoir appartient à une autre bibliothèque : choisissez un autre code",
    printerNeeded: "Indiquez où imprimer les bordereaux : les départements les y impriment",
    modeNeeded: "Choisissez à quel moment l’approbation a lieu",
    reasonNeeded: "Choisissez le motif enregistré quand les demandes sont approuvées automatiquement",
    reasonUnknown: "Choisissez l’un des motifs d’approbation actifs",
    noGroupMayRequest: "Autorisez au moins un groupe d’usagers à demander des copies",
    userUnknown: "Cette personne n’est pas un utilisateur actif de cet établissement",
    noScanner: "Choisissez au moins une personne qui numérise",
  },

  search: {
    isbn: (text) => `« ${text} » n’est pas un ISBN : indiquez 10 ou 13 chiffres (les tirets sont acceptés)`,
    issn: (text) => `« ${text} » n’est pas un ISSN : écrivez-le comme 1234-567X`,
    id: "Indiquez un identifiant après id:",
    nothing: "Saisissez un mot ou un nombre à rechercher",
    tooManyTerms: (max) => `Utilisez au plus ${max} mots et expressions : affinez la recherche`,
  },

  signOut: {
    title: "Déconnexion",
    done: "Vous êtes déconnecté de la bibliothèque.",
    refused: "Cette demande de déconnexion de votre organisation n’a pas pu être vérifiée : rien n’a été changé.",
    back: "Aller à la bibliothèque",
  },

  signOn: {
    title: "La connexion n’a pas abouti",
    back: "Retour à la page de connexion",
    contact: "Si cela se reproduit, contactez votre bibliothèque en indiquant l’heure de votre essai.",
    reasons: {
      unknown_provider: "Ce bouton de connexion n’est pas connu de cette bibliothèque.",
      provider_disabled: "La connexion par cette organisation est désactivée pour le moment dans cette bibliothèque.",
      no_primary_id:
        "Votre organisation ne nous a pas dit qui vous êtes : nous ne trouvons donc pas votre compte de bibliothèque.",
      no_group_matched: "Le compte de votre organisation ne vous donne pas accès aux services de cette bibliothèque.",
      unknown_group: "Votre compte relève d’un groupe d’usagers que cette bibliothèque n’a pas.",
      no_account: "Vous n’avez pas encore de compte dans cette bibliothèque, et elle seule en crée.",
      ambiguous_account:
        "Plusieurs comptes de bibliothèque vous correspondent : nous ne savons pas lequel est le vôtre. Contactez la bibliothèque.",
      account_inactive: "Votre compte de bibliothèque n’est pas actif.",
      invalid_state: "Cette connexion a pris trop de temps ou a commencé dans une autre fenêtre ; recommencez.",
      provider_unreachable:
        "Le service de connexion de votre organisation ne répond pas. Réessayez dans quelques minutes.",
      invalid_response: "La réponse de votre organisation n’a pas pu être vérifiée : vous n’êtes pas connecté.",
      replayed_response: "Cette réponse de connexion a déjà servi ; recommencez.",
      invalid_return: "Ce lien de connexion n’est pas valide ; recommencez depuis la page de connexion.",
      provider_error: "Le service de connexion de votre organisation ne vous a pas connecté.",
    },
  },
};
