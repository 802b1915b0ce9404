import { defineTexts } from "../../../shared/texts";

/** The loading screens' words: the catalogue's MARC records and the patrons from the campus systems. */
export const loadingText = defineTexts({
  en: {
    catalogueTitle: "Catalogue",
    catalogueIntro:
      "Load the catalogue’s records with their items, so patrons find the titles and Recto knows where each item is. Records already here are matched and updated.",
    marcFile: "MARC file",
    marcHint: "MARC 21 as ISO 2709 (.mrc) or MARCXML, in MARC-8 or UTF-8.",
    profile: "Where the items are in the records",
    profiles: {
      evergreen: "One item per 949 field (barcode in $i, location $l, library $m)",
      marc21: "Holdings in 852 fields and holdings records, item barcodes in 852 $p",
    } as Record<string, string>,
    createMissing: "Create the libraries and locations the items name that do not exist yet",
    dryRun: "Check only: report what would happen and write nothing",
    startImport: "Start the import",
    started: (file: string) => `The import of ${file} has started; it runs in the background.`,
    imports: "Recent imports",
    noImports: "No import yet.",
    file: "File",
    status: "Status",
    progress: "Progress",
    result: "Result",
    statuses: { QUEUED: "Waiting", RUNNING: "Running", DONE: "Done", FAILED: "Failed" } as Record<string, string>,
    records: (done: string, total: string) => `${done} of ${total} records`,
    catalogueResult: (bibs: string, items: string, skipped: string) =>
      `${bibs} titles created or updated, ${items} items created or updated, ${skipped} records left out`,
    checkOnly: "check only",
    problems: "Problems",
    problemAt: (file: string, record: string) => `${file}, record ${record}`,
    patronsTitle: "Patrons",
    patronsIntro:
      "Load patrons from the campus systems: a CSV with a header row, or the reference platform’s user XML. New patrons are created, those already here updated by their primary id; rows with problems are left out and listed.",
    patronFiles: "Files of patrons",
    patronHint:
      "CSV columns: primary_id (required), first_name, last_name, email, user_group, preferred_language, expiry_date, status, barcode. An empty cell keeps what is there.",
    expireMissing: "This is the whole list: patrons it does not name expire (staff never do)",
    loadPatrons: "Load the patrons",
    loading: "Loading…",
    patronResult: (created: string, updated: string, unchanged: string, expired: string) =>
      `${created} created, ${updated} updated, ${unchanged} unchanged, ${expired} expired.`,
    wouldResult: (created: string, updated: string, unchanged: string, expired: string) =>
      `Nothing was written. The load would create ${created}, update ${updated}, leave ${unchanged} unchanged and expire ${expired}.`,
    leftOut: (n: string, of: string) => `${n} of ${of} records left out:`,
    row: "Row",
    field: "Field",
    reason: "Why",
    wholeFile: "whole file",
    chooseFile: "Choose a file first.",
    failed: "The server could not take the file. Try again.",
  },
  fr: {
    catalogueTitle: "Catalogue",
    catalogueIntro:
      "Chargez les notices du catalogue avec leurs exemplaires : les usagers trouvent les titres et Recto sait où est chaque exemplaire. Les notices déjà présentes sont reconnues et mises à jour.",
    marcFile: "Fichier MARC",
    marcHint: "MARC 21 en ISO 2709 (.mrc) ou MARCXML, en MARC-8 ou UTF-8.",
    profile: "Où sont les exemplaires dans les notices",
    profiles: {
      evergreen: "Un exemplaire par zone 949 (code-barres en $i, localisation $l, bibliothèque $m)",
      marc21: "Fonds en zones 852 et notices de fonds, codes-barres en 852 $p",
    } as Record<string, string>,
    createMissing: "Créer les bibliothèques et localisations nommées par les exemplaires qui n’existent pas encore",
    dryRun: "Vérifier seulement : dire ce qui se passerait sans rien écrire",
    startImport: "Lancer l’import",
    started: (file: string) => `L’import de ${file} a commencé ; il se poursuit en arrière-plan.`,
    imports: "Imports récents",
    noImports: "Aucun import pour l’instant.",
    file: "Fichier",
    status: "État",
    progress: "Avancement",
    result: "Résultat",
    statuses: { QUEUED: "En attente", RUNNING: "En cours", DONE: "Terminé", FAILED: "Échoué" } as Record<
      string,
      string
    >,
    records: (done: string, total: string) => `${done} notices sur ${total}`,
    catalogueResult: (bibs: string, items: string, skipped: string) =>
      `${bibs} titres créés ou mis à jour, ${items} exemplaires créés ou mis à jour, ${skipped} notices écartées`,
    checkOnly: "vérification seule",
    problems: "Problèmes",
    problemAt: (file: string, record: string) => `${file}, notice ${record}`,
    patronsTitle: "Usagers",
    patronsIntro:
      "Chargez les usagers depuis les systèmes du campus : un CSV avec une ligne d’en-tête, ou le XML des usagers de la plateforme de référence. Les nouveaux usagers sont créés, ceux déjà présents mis à jour par leur identifiant principal ; les lignes en erreur sont écartées et listées.",
    patronFiles: "Fichiers d’usagers",
    patronHint:
      "Colonnes du CSV : primary_id (obligatoire), first_name, last_name, email, user_group, preferred_language, expiry_date, status, barcode. Une cellule vide garde la valeur existante.",
    expireMissing: "C’est la liste complète : les usagers qu’elle ne nomme pas expirent (jamais le personnel)",
    loadPatrons: "Charger les usagers",
    loading: "Chargement…",
    patronResult: (created: string, updated: string, unchanged: string, expired: string) =>
      `${created} créés, ${updated} mis à jour, ${unchanged} inchangés, ${expired} expirés.`,
    wouldResult: (created: string, updated: string, unchanged: string, expired: string) =>
      `Rien n’a été écrit. Le chargement créerait ${created}, mettrait à jour ${updated}, laisserait ${unchanged} inchangés et ferait expirer ${expired}.`,
    leftOut: (n: string, of: string) => `${n} enregistrements sur ${of} écartés :`,
    row: "Ligne",
    field: "Champ",
    reason: "Pourquoi",
    wholeFile: "tout le fichier",
    chooseFile: "Choisissez d’abord un fichier.",
    failed: "Le serveur n’a pas pu recevoir le fichier. Réessayez.",
  },
  de: {
    catalogueTitle: "Katalog",
    catalogueIntro:
      "Laden Sie die Katalogdatensätze mit ihren Exemplaren: So finden Benutzer die Titel, und Recto weiß, wo jedes Exemplar steht. Vorhandene Datensätze werden erkannt und aktualisiert.",
    marcFile: "MARC-Datei",
    marcHint: "MARC 21 als ISO 2709 (.mrc) oder MARCXML, in MARC-8 oder UTF-8.",
    profile: "Wo die Exemplare in den Datensätzen stehen",
    profiles: {
      evergreen: "Ein Exemplar je Feld 949 (Barcode in $i, Standort $l, Bibliothek $m)",
      marc21: "Bestände in Feldern 852 und Bestandsdatensätzen, Barcodes in 852 $p",
    } as Record<string, string>,
    createMissing: "Bibliotheken und Standorte anlegen, die die Exemplare nennen und die es noch nicht gibt",
    dryRun: "Nur prüfen: berichten, was geschähe, und nichts schreiben",
    startImport: "Import starten",
    started: (file: string) => `Der Import von ${file} hat begonnen; er läuft im Hintergrund.`,
    imports: "Letzte Importe",
    noImports: "Noch kein Import.",
    file: "Datei",
    status: "Status",
    progress: "Fortschritt",
    result: "Ergebnis",
    statuses: { QUEUED: "Wartet", RUNNING: "Läuft", DONE: "Fertig", FAILED: "Fehlgeschlagen" } as Record<
      string,
      string
    >,
    records: (done: string, total: string) => `${done} von ${total} Datensätzen`,
    catalogueResult: (bibs: string, items: string, skipped: string) =>
      `${bibs} Titel angelegt oder aktualisiert, ${items} Exemplare angelegt oder aktualisiert, ${skipped} Datensätze ausgelassen`,
    checkOnly: "nur Prüfung",
    problems: "Probleme",
    problemAt: (file: string, record: string) => `${file}, Datensatz ${record}`,
    patronsTitle: "Benutzer",
    patronsIntro:
      "Laden Sie Benutzer aus den Campussystemen: eine CSV-Datei mit Kopfzeile oder das Benutzer-XML der Referenzplattform. Neue Benutzer werden angelegt, vorhandene über ihre primäre ID aktualisiert; fehlerhafte Zeilen werden ausgelassen und aufgeführt.",
    patronFiles: "Benutzerdateien",
    patronHint:
      "CSV-Spalten: primary_id (Pflicht), first_name, last_name, email, user_group, preferred_language, expiry_date, status, barcode. Eine leere Zelle behält den bisherigen Wert.",
    expireMissing: "Dies ist die vollständige Liste: Benutzer, die sie nicht nennt, laufen ab (Personal nie)",
    loadPatrons: "Benutzer laden",
    loading: "Wird geladen…",
    patronResult: (created: string, updated: string, unchanged: string, expired: string) =>
      `${created} angelegt, ${updated} aktualisiert, ${unchanged} unverändert, ${expired} abgelaufen.`,
    wouldResult: (created: string, updated: string, unchanged: string, expired: string) =>
      `Nichts wurde geschrieben. Das Laden würde ${created} anlegen, ${updated} aktualisieren, ${unchanged} unverändert lassen und ${expired} ablaufen lassen.`,
    leftOut: (n: string, of: string) => `${n} von ${of} Datensätzen ausgelassen:`,
    row: "Zeile",
    field: "Feld",
    reason: "Warum",
    wholeFile: "ganze Datei",
    chooseFile: "Wählen Sie zuerst eine Datei.",
    failed: "Der Server konnte die Datei nicht annehmen. Versuchen Sie es erneut.",
  },
  es: {
    catalogueTitle: "Catálogo",
    catalogueIntro:
      "Cargue los registros del catálogo con sus ejemplares: así los usuarios encuentran los títulos y Recto sabe dónde está cada ejemplar. Los registros ya presentes se reconocen y se actualizan.",
    marcFile: "Archivo MARC",
    marcHint: "MARC 21 en ISO 2709 (.mrc) o MARCXML, en MARC-8 o UTF-8.",
    profile: "Dónde están los ejemplares en los registros",
    profiles: {
      evergreen: "Un ejemplar por campo 949 (código de barras en $i, ubicación $l, biblioteca $m)",
      marc21: "Fondos en campos 852 y registros de fondos, códigos de barras en 852 $p",
    } as Record<string, string>,
    createMissing: "Crear las bibliotecas y ubicaciones que nombran los ejemplares y que aún no existen",
    dryRun: "Solo comprobar: informar de lo que pasaría sin escribir nada",
    startImport: "Iniciar la importación",
    started: (file: string) => `La importación de ${file} ha comenzado; continúa en segundo plano.`,
    imports: "Importaciones recientes",
    noImports: "Todavía no hay importaciones.",
    file: "Archivo",
    status: "Estado",
    progress: "Progreso",
    result: "Resultado",
    statuses: { QUEUED: "En espera", RUNNING: "En curso", DONE: "Terminada", FAILED: "Fallida" } as Record<
      string,
      string
    >,
    records: (done: string, total: string) => `${done} de ${total} registros`,
    catalogueResult: (bibs: string, items: string, skipped: string) =>
      `${bibs} títulos creados o actualizados, ${items} ejemplares creados o actualizados, ${skipped} registros omitidos`,
    checkOnly: "solo comprobación",
    problems: "Problemas",
    problemAt: (file: string, record: string) => `${file}, registro ${record}`,
    patronsTitle: "Usuarios",
    patronsIntro:
      "Cargue los usuarios desde los sistemas del campus: un CSV con una fila de encabezado, o el XML de usuarios de la plataforma de referencia. Los nuevos usuarios se crean y los existentes se actualizan por su identificador principal; las filas con problemas se omiten y se enumeran.",
    patronFiles: "Archivos de usuarios",
    patronHint:
      "Columnas del CSV: primary_id (obligatoria), first_name, last_name, email, user_group, preferred_language, expiry_date, status, barcode. Una celda vacía conserva el valor actual.",
    expireMissing: "Es la lista completa: los usuarios que no nombra caducan (el personal nunca)",
    loadPatrons: "Cargar los usuarios",
    loading: "Cargando…",
    patronResult: (created: string, updated: string, unchanged: string, expired: string) =>
      `${created} creados, ${updated} actualizados, ${unchanged} sin cambios, ${expired} caducados.`,
    wouldResult: (created: string, updated: string, unchanged: string, expired: string) =>
      `No se escribió nada. La carga crearía ${created}, actualizaría ${updated}, dejaría ${unchanged} sin cambios y haría caducar ${expired}.`,
    leftOut: (n: string, of: string) => `${n} de ${of} registros omitidos:`,
    row: "Fila",
    field: "Campo",
    reason: "Por qué",
    wholeFile: "todo el archivo",
    chooseFile: "Elija primero un archivo.",
    failed: "El servidor no pudo recibir el archivo. Inténtelo de nuevo.",
  },
});
