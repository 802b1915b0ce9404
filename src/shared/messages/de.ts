import type { Messages } from "./en.js";

/** The server's messages in German (en.ts is the reference, key for key). */

const pages = (n: number) => (n === 1 ? "1 Seite" : `${n} Seiten`);

export const de: Messages = {
  language: "de",

  errors: {
    VALIDATION_FAILED: "Einige Felder fehlen oder sind ungültig.",
    MALFORMED_BODY: "Der Inhalt der Anfrage ist nicht lesbar; senden Sie gültiges JSON.",
    UNAUTHENTICATED: "Melden Sie sich an oder senden Sie einen API-Schlüssel, um diese Schnittstelle zu nutzen.",
    INVALID_CREDENTIALS: "Einrichtung, Benutzerkennung oder Passwort sind nicht korrekt.",
    TOO_MANY_ATTEMPTS:
      "Zu viele fehlgeschlagene Anmeldeversuche; warten Sie ein paar Minuten, bevor Sie es erneut versuchen.",
    CSRF_TOKEN_INVALID:
      "Dieser Anfrage des Browsers fehlt ein gültiges Sicherheitstoken; laden Sie die Seite neu und versuchen Sie es erneut.",
    FORBIDDEN: "Ihre Rollen erlauben diese Aktion nicht.",
    NOT_FOUND: "Dieser Datensatz existiert nicht.",
    ROUTE_NOT_FOUND: "Diese Adresse der API existiert nicht.",
    DUPLICATE: "Ein Datensatz mit diesem Code existiert bereits.",
    IN_USE: "Der Datensatz wird noch verwendet und kann nicht gelöscht werden.",
    INVALID_STATE_TRANSITION: "Der Status der Bestellung erlaubt diese Aktion nicht.",
    ITEM_IN_REQUEST_WORKFLOW:
      "Das Exemplar ist für eine Bestellung unterwegs oder in der Digitalisierung; sein Status ändert sich mit der Bestellung.",
    TASKS_NOT_APPROVED: "Alle erforderlichen Freigaben und Urheberrechtsprüfungen müssen zuerst erteilt sein.",
    UNKNOWN_BARCODE: "Kein Exemplar hat diesen Barcode: Prüfen Sie das Etikett oder scannen Sie es erneut.",
    NO_OPEN_REQUEST: "Für dieses Exemplar gibt es keine offene Bestellung: Es ist nichts auszuheben oder einzuscannen.",
    REQUEST_AT_OTHER_PLACE: "Die Bestellung dieses Exemplars wird an einem anderen Ort bearbeitet, nicht hier.",
    NOTHING_TO_SCAN: "Die Bestellung dieses Exemplars wartet weder auf das Ausheben noch auf das Einscannen.",
    PATRON_LIMIT_REACHED: "Diese Person hat bereits die höchste Zahl offener Digitalisierungsbestellungen.",
    DIGITIZATION_NOT_ALLOWED: "Die Benutzergruppe dieser Person darf keine Digitalisierung bestellen.",
    PATRON_INACTIVE: "Das Konto dieser Person ist inaktiv oder abgelaufen.",
    PATRON_BLOCKED: "Für diese Person besteht eine Sperre, die Bestellungen verhindert.",
    NO_HANDLING_PLACE: "Keine Digitalisierungsabteilung und keine Ausleihtheke ist für diese Bibliothek zuständig.",
    ITEM_REQUIRED:
      "Dieser Titel hat Exemplare; wählen Sie eines aus (die allgemeine Digitalisierung gilt nur für Titel ohne Exemplare).",
    DIGITIZATION_NOT_OFFERED:
      "Die Digitalisierung dieses Exemplars wird dieser Person nicht angeboten; „explain“ nennt den Grund.",
    RULE_LOCKED: "Diese Regel wird vom Verbund festgelegt und ist für die Mitgliedseinrichtungen schreibgeschützt.",
    FORM_LOCKED_BY_CONSORTIUM:
      "Das Bestellformular wird vom Verbund festgelegt und ist für die Mitgliedseinrichtungen schreibgeschützt.",
    OUTBOX_NOT_FAILED: "Nur eine fehlgeschlagene Nachricht des Postausgangs kann erneut versucht werden.",
    UNSUPPORTED_MEDIA_TYPE: "Der Inhaltstyp der Anfrage wird hier nicht angenommen.",
    UNSUPPORTED_FILE_TYPE: "Nur PDF-, TIFF-, JPEG- und PNG-Dateien werden angenommen.",
    FILE_TOO_LARGE: "Die Datei ist größer als die eingestellte Obergrenze für Uploads.",
    PAYLOAD_TOO_LARGE: "Der Inhalt der Anfrage ist zu groß.",
    MAIL_NOT_SENT: "Der Brief konnte nicht an den Mailserver übergeben werden.",
    LINK_NOT_FOUND: "Diesen Download-Link gibt es nicht.",
    LINK_EXPIRED: "Dieser Download-Link ist abgelaufen, wurde so oft wie erlaubt benutzt oder wurde zurückgezogen.",
    LINK_RESUME_CLOSED:
      "Dieser Download kann nicht mehr fortgesetzt werden: Starten Sie ihn neu von der Seite des Links (ein neuer Download zählt als ein Abruf).",
    RANGE_NOT_SATISFIABLE: "Der angefragte Bytebereich liegt außerhalb der Datei.",
    PRINTOUT_STATE_CONFLICT: "Der Status dieses Ausdrucks erlaubt diese Aktion nicht.",
    DATABASE_BUSY:
      "Die Datenbank ist mit der Arbeit eines anderen Prozesses beschäftigt; versuchen Sie es gleich noch einmal.",
    INSTITUTION_NOT_CHOSEN:
      "Diese Adresse dient mehreren Einrichtungen: Öffnen Sie die Adresse Ihrer Einrichtung, /i/<code>/.",
    OPENURL_UNREADABLE:
      "Diese OpenURL ist nicht lesbar: Ihre Kodierung ist fehlerhaft, oder sie nennt weder Titel, ISBN, ISSN noch eine Kennung zum Suchen.",
    SIGN_ON_REFUSED:
      "Die Anmeldung über das Konto Ihrer Organisation hat nicht geklappt; kehren Sie zur Anmeldeseite zurück und versuchen Sie es erneut.",
    PASSWORD_SIGN_IN_OFF:
      "Nutzerinnen und Nutzer dieser Bibliothek melden sich mit dem Konto ihrer Organisation an, nicht mit einem Passwort: Verwenden Sie die Anmeldeschaltfläche Ihrer Organisation.",
    NOT_A_SAML_PROVIDER:
      "Nur ein SAML-Anbieter hat Schlüsselpaare von Recto; dieser Anbieter verwendet OpenID Connect.",
    SP_KEY_ROLLOVER_UNFINISHED:
      "Dieser Anbieter hat bereits ein zweites Schlüsselpaar: Aktivieren Sie es oder ziehen Sie eines der beiden zurück, bevor Sie ein weiteres hinzufügen.",
    SP_KEY_IN_USE:
      "Das verwendete Schlüsselpaar kann nicht zurückgezogen werden: Aktivieren Sie zuerst das andere (ein Anbieter behält immer eines).",
    SP_KEY_ALREADY_ACTIVE: "Dieses Schlüsselpaar ist bereits das verwendete.",
    INTERNAL_ERROR: "Bei uns ist etwas schiefgegangen. Der Fehler wurde protokolliert.",
  },

  notFound: {
    title: "Diesen Titel gibt es nicht.",
    item: "Dieses Exemplar gehört nicht zu diesem Titel.",
    request: "Diese Bestellung gibt es nicht.",
    user: "Diese Person gibt es nicht.",
    download: "Diesen Download gibt es nicht.",
    institution: (code) => `Keine Einrichtung hat den Code ${code}.`,
    noInstitutionYet: "Es wurde noch keine Einrichtung angelegt.",
  },
  refusals: {
    tooManyAttempts: (minutes) =>
      `Zu viele fehlgeschlagene Anmeldeversuche; versuchen Sie es in ${minutes === 1 ? "1 Minute" : `${minutes} Minuten`} erneut.`,
    patronLimit: (active, limit) =>
      `Dieses Konto hat bereits ${active} offene Digitalisierungsbestellungen; seine Benutzergruppe erlaubt ${limit}.`,
    itemRequired: "Dieser Titel hat mehrere Bände oder Hefte; geben Sie an, welchen Sie brauchen.",
    descriptionMatchesNoItem:
      "Kein Exemplar dieses Titels hat diese Beschreibung; wählen Sie einen der aufgeführten Bände oder eines der Hefte.",
    cannotInState:
      "Der aktuelle Status der Bestellung erlaubt das nicht; laden Sie sie neu, um zu sehen, wie weit sie ist.",
    changedMeanwhile:
      "Jemand anderes hat die Bestellung gleichzeitig geändert; laden Sie sie neu und versuchen Sie es noch einmal.",
    rolesDoNotAllow: "Ihr Konto erlaubt diese Aktion für diese Bestellung nicht.",
  },

  fields: {
    required: "Füllen Sie dieses Feld aus",
    invalid: "Dieser Wert ist ungültig",
    tooLong: (max) => `Geben Sie höchstens ${max} Zeichen ein`,
    tooShort: (min) => `Geben Sie mindestens ${min} Zeichen ein`,
    notANumber: "Geben Sie eine Zahl ein",
    notWhole: "Geben Sie eine ganze Zahl ein",
    atLeast: (min) => `Geben Sie eine Zahl ab ${min} ein`,
    atMost: (max) => `Geben Sie eine Zahl bis höchstens ${max} ein`,
    tooFew: (min) => `Geben Sie mindestens ${min} an`,
    tooMany: (max) => `Geben Sie höchstens ${max} an`,
    notText: "Geben Sie hier Text ein",
    notYesOrNo: "Antworten Sie mit Ja oder Nein",
    notAList: "Geben Sie hier eine Liste an",
    notOneOf: "Wählen Sie einen der angebotenen Werte",
    unknownFields: (names) => `Lassen Sie weg, was dieses Formular nicht kennt: ${names}`,
    badFormat: "Das hat nicht die erwartete Form",

    pageNumber: "Geben Sie eine Seitenzahl wie 12 ein, oder römische Zahlen wie xii",
    pagesBackwards: "Die erste Seite muss vor der letzten kommen",
    realDate: "Geben Sie ein gültiges Datum ein, geschrieben wie 2031-12-31",
    pemCertificate:
      "Fügen Sie ein lesbares Zertifikat ein: den PEM-Text von -----BEGIN CERTIFICATE----- bis -----END CERTIFICATE-----",
    pastDate: "Geben Sie das heutige oder ein späteres Datum ein",
    doi: "Geben Sie eine DOI wie 10.1000/xyz123 ein",
    pmid: "Geben Sie eine PubMed-ID ein: nur Ziffern",
    id: "Geben Sie eine Kennung aus Ziffern ein",
    whichPart: "Geben Sie an, welchen Teil Sie brauchen: Seiten oder den Titel eines Kapitels oder Artikels",
    whichPartOrComment:
      "Geben Sie an, welchen Teil Sie brauchen: Seiten, den Titel eines Kapitels oder Artikels, oder die Seiten in einem Kommentar",
    chapterTitleForWholeChapter: "Geben Sie den Titel des Kapitels ein, das Sie ganz möchten",
    mandatory: "Die Bibliothek braucht diese Angabe, um Ihre Bestellung anzunehmen",
    declaration: "Bestätigen Sie die Erklärung zum Urheberrecht, um die Bestellung abzusenden",
    mandatoryTick: "Kreuzen Sie dieses Kästchen an, um die Bestellung abzusenden",
    unknownCheckbox: "Dieses Kästchen steht nicht auf dem Bestellformular der Bibliothek",
    matchesNoItem: "Wählen Sie einen der aufgeführten Bände oder eines der Hefte",
    libraryRequired: "Geben Sie an, in welcher Bibliothek gesucht werden soll: Dieser Titel hat keinen Bestand",
    libraryUnknown: "Das ist keine Bibliothek dieser Einrichtung",
    tooManyPages: (asked, max) =>
      `Sie bestellen ${pages(asked)}; die Nutzungsbedingungen dieses Exemplars erlauben höchstens ${pages(max)} pro Bestellung`,
    cursor: "Dieser Link zu weiteren Ergebnissen funktioniert nicht mehr; beginnen Sie die Liste von vorn",
  },

  plan: {
    listedTwice: "Dies steht doppelt in der Liste: nennen Sie jeden Eintrag nur einmal",
    deskNeeded: "Nennen Sie die Theke dieser Bibliothek, die scannt",
    deskElsewhere: "Diese Theke gehört zu einer anderen Bibliothek: wählen Sie einen anderen Code",
    printerNeeded: "Geben Sie an, wo Bestellzettel gedruckt werden: die Abteilungen drucken sie dort",
    modeNeeded: "Wählen Sie, wann die Genehmigung erfolgt",
    reasonNeeded: "Wählen Sie den Grund, der bei automatischer Genehmigung vermerkt wird",
    reasonUnknown: "Wählen Sie einen der aktiven Genehmigungsgründe",
    noGroupMayRequest: "Erlauben Sie mindestens einer Benutzergruppe, Kopien zu bestellen",
    userUnknown: "Diese Person ist keine aktive Benutzerin und kein aktiver Benutzer dieser Einrichtung",
    noScanner: "Wählen Sie mindestens eine Person, die scannt",
  },

  search: {
    isbn: (text) => `„${text}“ ist keine ISBN: Geben Sie 10 oder 13 Ziffern an (Bindestriche sind erlaubt)`,
    issn: (text) => `„${text}“ ist keine ISSN: Schreiben Sie sie wie 1234-567X`,
    id: "Geben Sie nach id: eine Kennung an",
    nothing: "Geben Sie ein Wort oder eine Zahl zum Suchen ein",
    tooManyTerms: (max) => `Verwenden Sie höchstens ${max} Wörter und Wendungen: Grenzen Sie die Suche ein`,
  },

  signOut: {
    title: "Abmelden",
    done: "Sie sind von der Bibliothek abgemeldet.",
    refused: "Diese Abmeldeanfrage Ihrer Organisation konnte nicht geprüft werden; es wurde nichts geändert.",
    back: "Zur Bibliothek",
  },

  signOn: {
    title: "Die Anmeldung hat nicht geklappt",
    back: "Zurück zur Anmeldeseite",
    contact: "Wenn das wieder passiert, wenden Sie sich an Ihre Bibliothek und nennen Sie die Uhrzeit Ihres Versuchs.",
    reasons: {
      unknown_provider: "Diese Anmeldeschaltfläche ist in dieser Bibliothek nicht bekannt.",
      provider_disabled: "Die Anmeldung über diese Organisation ist in dieser Bibliothek derzeit ausgeschaltet.",
      no_primary_id:
        "Ihre Organisation hat uns nicht mitgeteilt, wer Sie sind; daher finden wir Ihr Bibliothekskonto nicht.",
      no_group_matched: "Das Konto Ihrer Organisation gibt Ihnen keinen Zugang zu den Diensten dieser Bibliothek.",
      unknown_group: "Ihr Konto gehört zu einer Nutzergruppe, die diese Bibliothek nicht hat.",
      no_account: "Sie haben noch kein Konto bei dieser Bibliothek, und sie legt Konten nur selbst an.",
      ambiguous_account:
        "Mehrere Bibliothekskonten passen zu Ihnen, daher wissen wir nicht, welches Ihres ist. Bitte wenden Sie sich an die Bibliothek.",
      account_inactive: "Ihr Bibliothekskonto ist nicht aktiv.",
      invalid_state:
        "Diese Anmeldung hat zu lange gedauert oder wurde in einem anderen Fenster begonnen; bitte beginnen Sie neu.",
      provider_unreachable:
        "Der Anmeldedienst Ihrer Organisation ist nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut.",
      invalid_response: "Die Antwort Ihrer Organisation konnte nicht geprüft werden; Sie wurden nicht angemeldet.",
      replayed_response: "Diese Anmeldeantwort wurde bereits verwendet; bitte beginnen Sie neu.",
      invalid_return: "Dieser Anmeldelink ist nicht gültig; beginnen Sie erneut auf der Anmeldeseite.",
      provider_error: "Der Anmeldedienst Ihrer Organisation hat Sie nicht angemeldet.",
    },
  },
};
