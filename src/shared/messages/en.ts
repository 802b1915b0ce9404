import type { ErrorCode } from "../../errors.js";

/*
 * The server's messages in English: the reference every other language must match key for key
 * (fr.ts, de.ts and es.ts are typed `Messages`). The error catalogue's sentences are the ones API
 * clients have always read; the field sentences stand next to the field they name, so they do
 * not repeat its name, and end without a full stop, as the web pages' own do.
 */

const pages = (n: number) => (n === 1 ? "1 page" : `${n} pages`);

export const en = {
  language: "en",

  /** Every code of the catalogue (src/errors.ts): what a person reads when nothing more precise is said. */
  errors: {
    VALIDATION_FAILED: "Some fields are missing or invalid.",
    MALFORMED_BODY: "The request body could not be read; send valid JSON.",
    UNAUTHENTICATED: "Sign in or send an API key to use this endpoint.",
    INVALID_CREDENTIALS: "The institution, user or password is not correct.",
    TOO_MANY_ATTEMPTS: "Too many failed sign-in attempts; wait a few minutes before trying again.",
    CSRF_TOKEN_INVALID: "This browser request lacks a valid x-csrf-token header; reload the page and try again.",
    FORBIDDEN: "Your roles do not allow this action.",
    NOT_FOUND: "No such record.",
    ROUTE_NOT_FOUND: "No such endpoint.",
    DUPLICATE: "A record with this code already exists.",
    IN_USE: "The record is still in use and cannot be deleted.",
    INVALID_STATE_TRANSITION: "The request is not in a state that allows this action.",
    ITEM_IN_REQUEST_WORKFLOW:
      "The item is in transit or in digitization for a request; its process status changes with the request.",
    TASKS_NOT_APPROVED: "Every required approval and copyright task must be approved first.",
    UNKNOWN_BARCODE: "No item has this barcode: check the label, or scan it again.",
    NO_OPEN_REQUEST: "This item has no open request: there is nothing to pick or scan in for it.",
    REQUEST_AT_OTHER_PLACE: "This item’s request is handled at another place, not here.",
    NOTHING_TO_SCAN: "This item’s request is not waiting to be picked or scanned in.",
    PATRON_LIMIT_REACHED: "The patron already has the maximum number of active digitization requests.",
    DIGITIZATION_NOT_ALLOWED: "This patron’s user group may not request digitization.",
    PATRON_INACTIVE: "The patron’s account is inactive or expired.",
    PATRON_BLOCKED: "The patron has a block that prevents requests.",
    NO_HANDLING_PLACE: "No digitization department or circulation desk serves this library.",
    ITEM_REQUIRED: "This title has items; choose an item (general digitization is only for titles without items).",
    DIGITIZATION_NOT_OFFERED: "Digitization is not offered to this patron for this item; ask explain why.",
    RULE_LOCKED: "This rule is set by the consortium and is read-only in member institutions.",
    FORM_LOCKED_BY_CONSORTIUM: "The request form is set by the consortium and is read-only in member institutions.",
    OUTBOX_NOT_FAILED: "Only a failed outbox message can be retried.",
    UNSUPPORTED_MEDIA_TYPE: "The request body’s content type is not accepted here.",
    UNSUPPORTED_FILE_TYPE: "Only PDF, TIFF, JPEG and PNG files are accepted.",
    FILE_TOO_LARGE: "The file is larger than the configured upload limit.",
    PAYLOAD_TOO_LARGE: "The request body is too large.",
    MAIL_NOT_SENT: "The letter could not be handed to the mail server.",
    LINK_NOT_FOUND: "This download link does not exist.",
    LINK_EXPIRED: "This download link has expired, was used the allowed number of times, or was withdrawn.",
    LINK_RESUME_CLOSED:
      "This download can no longer be resumed: start it again from the link’s page (a new download counts one view).",
    RANGE_NOT_SATISFIABLE: "The requested byte range is outside the file.",
    PRINTOUT_STATE_CONFLICT: "The printout is not in a status that allows this action.",
    DATABASE_BUSY: "The database is busy with another process’s work; try again in a moment.",
    INSTITUTION_NOT_CHOSEN:
      "This address serves several institutions: open your institution’s own address, /i/<code>/.",
    OPENURL_UNREADABLE:
      "This OpenURL cannot be read: its encoding is broken, or it names no title, ISBN, ISSN or identifier to look for.",
    SIGN_ON_REFUSED:
      "Sign-in through your organisation’s account did not work; go back to the sign-in page and try again.",
    PASSWORD_SIGN_IN_OFF:
      "Patrons of this library sign in with their organisation’s account, not with a password: use the sign-in button of your organisation.",
    NOT_A_SAML_PROVIDER: "Only a SAML provider has key pairs of Recto’s; this provider speaks OpenID Connect.",
    SP_KEY_ROLLOVER_UNFINISHED:
      "This provider already has a second key pair: activate it or retire one of the two before adding another.",
    SP_KEY_IN_USE: "The key pair in use cannot be retired: activate the other one first (a provider always keeps one).",
    SP_KEY_ALREADY_ACTIVE: "This key pair is already the one in use.",
    INTERNAL_ERROR: "Something went wrong on our side. The error has been logged.",
  } satisfies Record<ErrorCode, string>,

  /** More precise than the catalogue, where a patron's page can meet them. */
  notFound: {
    title: "No such title.",
    item: "No such item on this title.",
    request: "No such request.",
    user: "No such user.",
    download: "No such download.",
    institution: (code: string) => `No institution has the code ${code}.`,
    noInstitutionYet: "No institution has been set up yet.",
  },
  refusals: {
    tooManyAttempts: (minutes: number) =>
      `Too many failed sign-in attempts; try again in ${minutes === 1 ? "1 minute" : `${minutes} minutes`}.`,
    patronLimit: (active: number, limit: number) =>
      `This account already has ${active} active digitization requests; its user group allows ${limit}.`,
    itemRequired: "This title has several volumes or issues; say which one you need.",
    descriptionMatchesNoItem: "No item of this title has that description; choose one of the listed volumes or issues.",
    cannotInState: "The request’s current state does not allow this; reload it to see where it stands.",
    changedMeanwhile: "The request was changed by someone else at the same time; reload it and try again.",
    rolesDoNotAllow: "Your account does not allow this action on this request.",
  },

  /** Sentences next to a field: what is wrong with it and what to do. */
  fields: {
    required: "Fill in this field",
    invalid: "This value is not valid",
    tooLong: (max: number) => `Enter at most ${max} characters`,
    tooShort: (min: number) => `Enter at least ${min} characters`,
    notANumber: "Enter a number",
    notWhole: "Enter a whole number",
    atLeast: (min: number) => `Enter a number of at least ${min}`,
    atMost: (max: number) => `Enter a number of at most ${max}`,
    tooFew: (min: number) => `Give at least ${min}`,
    tooMany: (max: number) => `Give at most ${max}`,
    notText: "Enter text here",
    notYesOrNo: "Answer yes or no",
    notAList: "Give a list here",
    notOneOf: "Choose one of the values offered",
    unknownFields: (names: string) => `Leave out what this form does not know: ${names}`,
    badFormat: "This is not in the expected form",

    pageNumber: "Enter a page number such as 12, or roman numerals such as xii",
    pagesBackwards: "The first page must come before the last",
    realDate: "Enter a real date, written like 2031-12-31",
    pemCertificate:
      "Paste a certificate that can be read: the PEM text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----",
    pastDate: "Enter a date that is today or later",
    doi: "Enter a DOI such as 10.1000/xyz123",
    pmid: "Enter a PubMed ID: digits only",
    id: "Enter an identifier made of digits",
    whichPart: "Say which part you need: enter pages, or the title of a chapter or article",
    whichPartOrComment:
      "Say which part you need: enter pages, the title of a chapter or article, or the pages in a comment",
    chapterTitleForWholeChapter: "Enter the title of the chapter you want whole",
    mandatory: "The library needs this to take your request",
    declaration: "Accept the copyright declaration to send your request",
    mandatoryTick: "Tick this box to send your request",
    unknownCheckbox: "This box is not on the library’s request form",
    matchesNoItem: "Choose one of the listed volumes or issues",
    libraryRequired: "Say which library’s collection to search: this title has no holdings",
    libraryUnknown: "This is not a library of this institution",
    tooManyPages: (asked: number, max: number) =>
      `You asked for ${pages(asked)}; this item’s terms of use allow at most ${pages(max)} per request`,
    cursor: "This link to more results no longer works; start the list again",
  },

  /** The planning questions of setup step 1 (src/setup): how answers fit together. */
  plan: {
    listedTwice: "This is listed twice: give each one once",
    deskNeeded: "Name the desk of this library that does the scanning",
    deskElsewhere: "This desk belongs to another library: choose another code",
    printerNeeded: "Say where pick slips are printed: the departments print them there",
    modeNeeded: "Choose when approval happens",
    reasonNeeded: "Choose the reason recorded when requests are approved automatically",
    reasonUnknown: "Choose one of the active approval reasons",
    noGroupMayRequest: "Let at least one user group request copies",
    userUnknown: "This person is not an active user of this institution",
    noScanner: "Choose at least one person who does the scanning",
  },

  /** The catalogue search's query (`q`). */
  search: {
    isbn: (text: string) => `“${text}” is not an ISBN: give 10 or 13 digits (hyphens are fine)`,
    issn: (text: string) => `“${text}” is not an ISSN: write it like 1234-567X`,
    id: "Put an identifier after id:",
    nothing: "Enter a word or a number to search for",
    tooManyTerms: (max: number) => `Use at most ${max} words and phrases: narrow the search down`,
  },

  /** Single logout begun by the identity provider (src/sign-on/saml): the page the person reads. */
  signOut: {
    title: "Signing out",
    done: "You are signed out of the library.",
    refused: "This sign-out request from your organisation could not be checked, so nothing was changed.",
    back: "Go to the library",
  },

  /** Sign-in through an identity provider (src/sign-on): the page a refused person reads. */
  signOn: {
    title: "Sign-in did not work",
    back: "Back to the sign-in page",
    contact: "If this keeps happening, contact your library and tell them the time you tried.",
    reasons: {
      unknown_provider: "This sign-in button is not known at this library.",
      provider_disabled: "Sign-in through this organisation is switched off at this library for now.",
      no_primary_id: "Your organisation did not tell us who you are, so we cannot find your library account.",
      no_group_matched: "Your organisation’s account does not give you access to this library’s services.",
      unknown_group: "Your account is set up for a user group this library does not have.",
      no_account: "You have no account at this library yet, and the library creates accounts only by itself.",
      ambiguous_account:
        "More than one library account matches you, so we cannot tell which is yours. Please contact the library.",
      account_inactive: "Your library account is not active.",
      invalid_state: "This sign-in took too long or was started in another window; please start again.",
      provider_unreachable:
        "Your organisation’s sign-in service could not be reached. Please try again in a few minutes.",
      invalid_response: "The answer from your organisation could not be checked, so you were not signed in.",
      replayed_response: "This sign-in answer was already used; please start again.",
      invalid_return: "This sign-in link is not valid; start again from the sign-in page.",
      provider_error: "Your organisation’s sign-in service did not sign you in.",
    },
  },
};

export type Messages = typeof en;
