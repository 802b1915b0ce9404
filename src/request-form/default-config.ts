import type { FormFieldCode, RequestFormConfig } from "./model.js";

/*
 * The form a new institution starts with (DOMAIN 5.6): every field of the reference platform in
 * its usual order, none mandatory (so that existing API clients keep working until the library
 * decides otherwise), no custom checkbox, and the copyright warning notice in four languages.
 */

type L = Record<"en" | "fr" | "de" | "es", string>;
const f = (code: FormFieldCode, label: L, help: L | null = null, display_to_public = true) => ({
  code,
  label,
  help: help ?? ({} as Partial<L>),
  display_to_public,
  mandatory: false,
  default_value: null as string | boolean | null,
});

export const DEFAULT_REQUEST_FORM: RequestFormConfig = {
  fields: [
    f("partial_digitization", {
      en: "Only part of it",
      fr: "Seulement une partie",
      de: "Nur einen Teil",
      es: "Solo una parte",
    }),
    f(
      "required_pages_range",
      { en: "Pages", fr: "Pages", de: "Seiten", es: "Páginas" },
      {
        en: "One or more ranges, e.g. 12 to 19; roman numerals such as xii are fine.",
        fr: "Une ou plusieurs plages, par ex. 12 à 19 ; les chiffres romains comme xii sont acceptés.",
        de: "Ein oder mehrere Bereiche, z. B. 12 bis 19; römische Zahlen wie xii sind möglich.",
        es: "Uno o varios intervalos, p. ej. 12 a 19; se admiten números romanos como xii.",
      },
    ),
    f("chapter_or_article_title", {
      en: "Chapter or article title",
      fr: "Titre du chapitre ou de l’article",
      de: "Titel des Kapitels oder Artikels",
      es: "Título del capítulo o artículo",
    }),
    f("chapter_or_article_author", {
      en: "Author of the chapter or article",
      fr: "Auteur du chapitre ou de l’article",
      de: "Verfasser des Kapitels oder Artikels",
      es: "Autor del capítulo o artículo",
    }),
    f("full_chapter", {
      en: "The whole chapter",
      fr: "Le chapitre entier",
      de: "Das ganze Kapitel",
      es: "El capítulo completo",
    }),
    f(
      "description",
      { en: "Volume or issue", fr: "Volume ou numéro", de: "Band oder Heft", es: "Volumen o número" },
      {
        en: "Which of the title’s volumes or issues you want.",
        fr: "Lequel des volumes ou numéros du titre vous voulez.",
        de: "Welchen Band oder welches Heft des Titels Sie möchten.",
        es: "Qué volumen o número del título desea.",
      },
    ),
    f("volume", { en: "Volume", fr: "Volume", de: "Band", es: "Volumen" }),
    f("issue", { en: "Issue", fr: "Numéro", de: "Heft", es: "Número" }),
    f("part", { en: "Part", fr: "Partie", de: "Teil", es: "Parte" }),
    f("date_of_publication", {
      en: "Date of publication",
      fr: "Date de publication",
      de: "Erscheinungsdatum",
      es: "Fecha de publicación",
    }),
    f("doi", { en: "DOI", fr: "DOI", de: "DOI", es: "DOI" }),
    f("pmid", { en: "PubMed id", fr: "Identifiant PubMed", de: "PubMed-ID", es: "Identificador PubMed" }),
    f(
      "last_interest_date",
      {
        en: "Not needed after",
        fr: "Inutile après le",
        de: "Nicht mehr benötigt nach",
        es: "No se necesita después del",
      },
      {
        en: "We stop working on it after this day.",
        fr: "Nous arrêtons après ce jour.",
        de: "Nach diesem Tag arbeiten wir nicht mehr daran.",
        es: "Dejamos de trabajar en ello después de este día.",
      },
    ),
    f("comment", {
      en: "Note to the library",
      fr: "Note pour la bibliothèque",
      de: "Hinweis an die Bibliothek",
      es: "Nota para la biblioteca",
    }),
    f("copyrights_declaration_signed_by_patron", {
      en: "I declare that the copy is for my private study or research only.",
      fr: "Je déclare que la copie est destinée uniquement à mon étude privée ou à ma recherche.",
      de: "Ich erkläre, dass die Kopie nur meinem privaten Studium oder meiner Forschung dient.",
      es: "Declaro que la copia es solo para mi estudio privado o investigación.",
    }),
  ].map((field, order) => ({ ...field, order })),
  checkboxes: [],
  copyright_notice: {
    en: "The copyright law governs the making of copies of copyrighted material. A library may make a copy only for private study, scholarship or research; a copy used for other purposes may be an infringement. The library may refuse a request that would break the law.",
    fr: "Le droit d’auteur régit la reproduction des œuvres protégées. Une bibliothèque ne peut faire une copie que pour l’étude privée ou la recherche ; tout autre usage peut constituer une contrefaçon. La bibliothèque peut refuser une demande contraire à la loi.",
    de: "Das Urheberrecht regelt die Vervielfältigung geschützter Werke. Eine Bibliothek darf Kopien nur für privates Studium oder Forschung anfertigen; eine andere Nutzung kann eine Rechtsverletzung sein. Die Bibliothek kann einen rechtswidrigen Auftrag ablehnen.",
    es: "La ley de propiedad intelectual regula la copia de obras protegidas. Una biblioteca solo puede hacer copias para estudio privado o investigación; otro uso puede constituir una infracción. La biblioteca puede rechazar una solicitud contraria a la ley.",
  },
};
