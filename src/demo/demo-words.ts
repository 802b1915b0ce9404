/** Word lists for the demo catalogue: enough variety that titles look like a real library's. */

export interface Subject {
  name: string;
  /** Library of Congress class, for call numbers */
  lc: string;
  /** which demo library shelves it */
  library: "MAIN" | "SCI";
}

export const SUBJECTS: readonly Subject[] = [
  { name: "Medieval History", lc: "D", library: "MAIN" },
  { name: "Cartography", lc: "GA", library: "MAIN" },
  { name: "Philosophy of Mind", lc: "BD", library: "MAIN" },
  { name: "Ethics", lc: "BJ", library: "MAIN" },
  { name: "Classical Archaeology", lc: "DE", library: "MAIN" },
  { name: "Economic History", lc: "HC", library: "MAIN" },
  { name: "Sociology", lc: "HM", library: "MAIN" },
  { name: "Political Theory", lc: "JC", library: "MAIN" },
  { name: "Constitutional Law", lc: "KF", library: "MAIN" },
  { name: "Music Theory", lc: "MT", library: "MAIN" },
  { name: "Art History", lc: "N", library: "MAIN" },
  { name: "Linguistics", lc: "P", library: "MAIN" },
  { name: "English Literature", lc: "PR", library: "MAIN" },
  { name: "American Literature", lc: "PS", library: "MAIN" },
  { name: "Comparative Religion", lc: "BL", library: "MAIN" },
  { name: "Education", lc: "LB", library: "MAIN" },
  { name: "Mathematics", lc: "QA", library: "SCI" },
  { name: "Astronomy", lc: "QB", library: "SCI" },
  { name: "Physics", lc: "QC", library: "SCI" },
  { name: "Chemistry", lc: "QD", library: "SCI" },
  { name: "Geology", lc: "QE", library: "SCI" },
  { name: "Botany", lc: "QK", library: "SCI" },
  { name: "Zoology", lc: "QL", library: "SCI" },
  { name: "Microbiology", lc: "QR", library: "SCI" },
  { name: "Neuroscience", lc: "QP", library: "SCI" },
  { name: "Ecology", lc: "QH", library: "SCI" },
  { name: "Civil Engineering", lc: "TA", library: "SCI" },
  { name: "Computer Science", lc: "QA", library: "SCI" },
];

export const ADJECTIVES = [
  "Silent",
  "Hidden",
  "Northern",
  "Forgotten",
  "Changing",
  "Invisible",
  "Restless",
  "Open",
  "Broken",
  "Distant",
  "Common",
  "Measured",
  "Wandering",
  "Uncertain",
  "Living",
  "Bright",
] as const;

export const NOUNS = [
  "River",
  "Archive",
  "Frontier",
  "Harbour",
  "Map",
  "Garden",
  "Machine",
  "Republic",
  "Inheritance",
  "Landscape",
  "Signal",
  "Threshold",
  "Library",
  "Orbit",
  "Crossing",
  "Mirror",
  "Ledger",
  "Compass",
] as const;

export const GIVEN_NAMES = [
  "Margaret",
  "James",
  "Amara",
  "Henrik",
  "Lucía",
  "Thomas",
  "Mei",
  "Oluwaseun",
  "Claire",
  "Rafael",
  "Ingrid",
  "Samuel",
  "Priya",
  "Jonathan",
  "Elena",
  "Kwame",
  "Sophie",
  "Daniel",
  "Hannah",
  "Tomasz",
] as const;

export const SURNAMES = [
  "Whitfield",
  "Okonkwo",
  "Lindqvist",
  "Moreau",
  "Hartmann",
  "Castellanos",
  "Nakamura",
  "Brennan",
  "Adeyemi",
  "Fairbairn",
  "Kowalski",
  "Delacroix",
  "Ashworth",
  "Rinaldi",
  "Petrov",
  "Haldane",
  "Mensah",
  "Sørensen",
  "Iyer",
  "Thornbury",
  "Vasquez",
  "Eriksen",
  "Montague",
  "Chen",
] as const;

export const PUBLISHERS = [
  { place: "Oxford", name: "Clarendon Press" },
  { place: "Cambridge", name: "Cambridge University Press" },
  { place: "New York", name: "Routledge" },
  { place: "Chicago", name: "University of Chicago Press" },
  { place: "Princeton, N.J.", name: "Princeton University Press" },
  { place: "London", name: "Penguin Books" },
  { place: "Berlin", name: "Springer" },
  { place: "Amsterdam", name: "Elsevier" },
  { place: "Paris", name: "Gallimard" },
  { place: "Cambridge, Mass.", name: "MIT Press" },
  { place: "Washington, D.C.", name: "U.S. Government Printing Office" },
  { place: "Berkeley", name: "University of California Press" },
] as const;

export const LANGUAGES = ["eng", "eng", "eng", "eng", "eng", "eng", "eng", "fre", "ger", "spa", "ita"] as const;

export const SERIAL_PATTERNS = [
  (s: string) => `Journal of ${s}`,
  (s: string) => `${s} Review`,
  (s: string) => `Annals of ${s}`,
  (s: string) => `Quarterly Journal of ${s}`,
  (s: string) => `Studies in ${s}`,
  (s: string) => `${s} Letters`,
] as const;

type Plural = (noun: string) => string;

export const BOOK_PATTERNS = [
  (s: string, a: string, n: string) => `The ${a} ${n}: A History of ${s}`,
  (s: string) => `An Introduction to ${s}`,
  (s: string) => `Principles of ${s}`,
  (s: string, _a: string, n: string) => `${n} and Method in ${s}`,
  (s: string, a: string, n: string, plural: Plural) => `${a} ${plural(n)}: Essays in ${s}`,
  (s: string) => `${s}: A Very Short Introduction`,
  (s: string, _a: string, n: string) => `The ${n} of ${s}`,
  (s: string) => `Readings in ${s}`,
  (s: string, a: string) => `${a} Questions in ${s}`,
  (s: string) => `A Handbook of ${s}`,
] as const;
