import { createHash } from "node:crypto";
import { builtInLanguageFor, FALLBACK_LANGUAGE, type BuiltInLanguage } from "../letters/built-in/index.js";
import { RESUME_WINDOW_MINUTES } from "./download.js";
import type { LinkForDownload } from "./links-repository.js";

/*
 * The small page a download link opens (GET /api/v1/downloads/:token): what the file is, how many
 * downloads are left and until when, and a Download button to .../file, which alone counts a view.
 * Mail scanners and chat previews that fetch the link see this page and use up nothing. The pages
 * for a link that no longer works share its shell, its headers and its language choice.
 */

interface PageTexts {
  readyTitle: string;
  file: string;
  size: string;
  viewsLeft: string;
  expires: string;
  download: string;
  note: (minutes: number) => string;
  expiredTitle: string;
  expiredText: string;
  contact: string;
  resumeTitle: string;
  resumeText: (minutes: number) => string;
  back: string;
  notFoundTitle: string;
  notFoundText: string;
}

const TEXTS: Record<BuiltInLanguage, PageTexts> = {
  en: {
    readyTitle: "Your copy is ready to download",
    file: "File",
    size: "Size",
    viewsLeft: "Downloads left",
    expires: "Available until",
    download: "Download",
    note: (m) =>
      `Each download uses one of the downloads left. If a download is interrupted, your browser can resume it for ${m} minutes without using another.`,
    expiredTitle: "This link has expired",
    expiredText: "The download link was used as many times as allowed, passed its expiry date, or was withdrawn.",
    contact: "If you still need the copy, please contact your library: staff can send you a new link.",
    resumeTitle: "This download can no longer be resumed",
    resumeText: (m) =>
      `An interrupted download can be resumed for ${m} minutes. Start it again from the link’s page; a new download uses one of the downloads left.`,
    back: "Back to the download page",
    notFoundTitle: "Link not found",
    notFoundText: "This download link does not exist.",
  },
  fr: {
    readyTitle: "Votre copie est prête à être téléchargée",
    file: "Fichier",
    size: "Taille",
    viewsLeft: "Téléchargements restants",
    expires: "Disponible jusqu’au",
    download: "Télécharger",
    note: (m) =>
      `Chaque téléchargement utilise l’un des téléchargements restants. Si un téléchargement est interrompu, votre navigateur peut le reprendre pendant ${m} minutes sans en utiliser un autre.`,
    expiredTitle: "Ce lien a expiré",
    expiredText:
      "Le lien de téléchargement a été utilisé le nombre de fois autorisé, a dépassé sa date d’expiration ou a été retiré.",
    contact:
      "Si vous avez encore besoin de la copie, contactez votre bibliothèque : le personnel peut vous envoyer un nouveau lien.",
    resumeTitle: "Ce téléchargement ne peut plus être repris",
    resumeText: (m) =>
      `Un téléchargement interrompu peut être repris pendant ${m} minutes. Recommencez-le depuis la page du lien ; un nouveau téléchargement utilise l’un des téléchargements restants.`,
    back: "Retour à la page de téléchargement",
    notFoundTitle: "Lien introuvable",
    notFoundText: "Ce lien de téléchargement n’existe pas.",
  },
  de: {
    readyTitle: "Ihre Kopie steht zum Herunterladen bereit",
    file: "Datei",
    size: "Größe",
    viewsLeft: "Verbleibende Downloads",
    expires: "Verfügbar bis",
    download: "Herunterladen",
    note: (m) =>
      `Jeder Download verbraucht einen der verbleibenden Downloads. Wird ein Download unterbrochen, kann Ihr Browser ihn ${m} Minuten lang fortsetzen, ohne einen weiteren zu verbrauchen.`,
    expiredTitle: "Dieser Link ist abgelaufen",
    expiredText:
      "Der Download-Link wurde so oft wie erlaubt verwendet, hat sein Ablaufdatum überschritten oder wurde zurückgezogen.",
    contact:
      "Wenn Sie die Kopie noch benötigen, wenden Sie sich bitte an Ihre Bibliothek: Das Personal kann Ihnen einen neuen Link senden.",
    resumeTitle: "Dieser Download kann nicht mehr fortgesetzt werden",
    resumeText: (m) =>
      `Ein unterbrochener Download kann ${m} Minuten lang fortgesetzt werden. Starten Sie ihn auf der Seite des Links neu; ein neuer Download verbraucht einen der verbleibenden Downloads.`,
    back: "Zurück zur Download-Seite",
    notFoundTitle: "Link nicht gefunden",
    notFoundText: "Dieser Download-Link existiert nicht.",
  },
  es: {
    readyTitle: "Su copia está lista para descargar",
    file: "Archivo",
    size: "Tamaño",
    viewsLeft: "Descargas restantes",
    expires: "Disponible hasta",
    download: "Descargar",
    note: (m) =>
      `Cada descarga usa una de las descargas restantes. Si una descarga se interrumpe, su navegador puede reanudarla durante ${m} minutos sin usar otra.`,
    expiredTitle: "Este enlace ha caducado",
    expiredText:
      "El enlace de descarga se usó tantas veces como se permitía, superó su fecha de caducidad o fue retirado.",
    contact:
      "Si todavía necesita la copia, póngase en contacto con su biblioteca: el personal puede enviarle un enlace nuevo.",
    resumeTitle: "Esta descarga ya no se puede reanudar",
    resumeText: (m) =>
      `Una descarga interrumpida se puede reanudar durante ${m} minutos. Vuelva a empezarla desde la página del enlace; una descarga nueva usa una de las descargas restantes.`,
    back: "Volver a la página de descarga",
    notFoundTitle: "Enlace no encontrado",
    notFoundText: "Este enlace de descarga no existe.",
  },
};

/** The patron's preferred language, else the institution's default, else English (as for letters). */
export function pageLanguage(
  link: Pick<LinkForDownload, "preferred_language" | "default_language"> | undefined,
): BuiltInLanguage {
  for (const language of [link?.preferred_language, link?.default_language]) {
    const builtIn = language?.trim() ? builtInLanguageFor(language) : null;
    if (builtIn) return builtIn;
  }
  return FALLBACK_LANGUAGE;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const UNITS = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte"] as const;

/** 2 100 000 bytes -> "2.1 MB" (en), "2,1 Mo" (fr). */
function humanSize(bytes: number, language: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(language, {
    style: "unit",
    unit: UNITS[unit],
    unitDisplay: unit === 0 ? "long" : "short",
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** The expiry in the institution's time zone, written the language's way, with the zone named. */
function formatExpiry(iso: string, language: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  };
  try {
    return new Intl.DateTimeFormat(language, { ...options, timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(language, { ...options, timeZone: "UTC" }).format(new Date(iso));
  }
}

// Contrast (WCAG 2.1 AA): text #1a1a1a and links/button #1d4ed8 on white are above 4.5:1; the focus
// ring is 3 px, dark, offset; the layout is one column that reflows down to 320 px.
const STYLE =
  "body{font-family:system-ui,sans-serif;margin:0;padding:2rem 1rem;line-height:1.5;color:#1a1a1a;background:#fff}" +
  "main{max-width:36rem;margin:0 auto}h1{font-size:1.5rem;line-height:1.25;margin:0 0 1rem}" +
  "dl{margin:1.5rem 0}dl div{display:flex;flex-wrap:wrap;gap:0 1rem;padding:.5rem 0;border-bottom:1px solid #767676}" +
  "dt{font-weight:600;min-width:12rem}dd{margin:0;overflow-wrap:anywhere}a{color:#1d4ed8}" +
  ".button{display:inline-block;padding:.75rem 1.5rem;background:#1d4ed8;color:#fff;text-decoration:none;" +
  "border-radius:.375rem;font-weight:600;font-size:1.125rem}.button:hover{background:#1e3a8a}" +
  "a:focus-visible{outline:3px solid #1a1a1a;outline-offset:3px}";

const STYLE_HASH = `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;

/** Every link page (ready, expired, not found): never cached, never framed, no referrer, nothing but its style. */
export function pageHeaders(language: string): Record<string, string> {
  return {
    "content-type": "text/html; charset=utf-8",
    "content-language": language,
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-robots-tag": "noindex, nofollow",
    "content-security-policy": `default-src 'none'; style-src ${STYLE_HASH}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
  };
}

function shell(language: string, title: string, main: string): string {
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>
${main}
</main></body></html>`;
}

/** The page of a link that can still be downloaded. `fileHref` is relative, so it works behind any proxy prefix. */
export function readyPage(link: LinkForDownload, language: BuiltInLanguage, fileHref: string): string {
  const t = TEXTS[language];
  const left = Math.max(0, link.max_views - link.views);
  const expiresIso = new Date(link.expires_at).toISOString();
  const row = (label: string, value: string) => `<div><dt>${escapeHtml(label)}</dt><dd>${value}</dd></div>`;
  return shell(
    language,
    t.readyTitle,
    `<dl>${row(t.file, escapeHtml(link.file_name))}${row(t.size, escapeHtml(humanSize(link.size_bytes, language)))}` +
      `${row(t.viewsLeft, String(left))}` +
      `${row(t.expires, `<time datetime="${expiresIso}">${escapeHtml(formatExpiry(expiresIso, language, link.time_zone))}</time>`)}</dl>
<p><a class="button" href="${escapeHtml(fileHref)}" rel="nofollow noreferrer">${escapeHtml(t.download)}</a></p>
<p>${escapeHtml(t.note(RESUME_WINDOW_MINUTES))}</p>`,
  );
}

export type ProblemPage = "LINK_EXPIRED" | "LINK_NOT_FOUND" | "LINK_RESUME_CLOSED";

/** A plain, friendly page for a link that does not work (now), with no detail that helps a guesser. */
export function problemPage(kind: ProblemPage, language: BuiltInLanguage, backHref?: string): string {
  const t = TEXTS[language];
  if (kind === "LINK_NOT_FOUND") return shell(language, t.notFoundTitle, `<p>${escapeHtml(t.notFoundText)}</p>`);
  if (kind === "LINK_RESUME_CLOSED") {
    const back = backHref ? `\n<p><a href="${escapeHtml(backHref)}">${escapeHtml(t.back)}</a></p>` : "";
    return shell(language, t.resumeTitle, `<p>${escapeHtml(t.resumeText(RESUME_WINDOW_MINUTES))}</p>${back}`);
  }
  return shell(language, t.expiredTitle, `<p>${escapeHtml(t.expiredText)}</p>\n<p>${escapeHtml(t.contact)}</p>`);
}
