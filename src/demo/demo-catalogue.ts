import type { BibInput, MaterialType } from "../catalogue/bib-fields.js";
import { pageCountFromExtent } from "../catalogue/extent.js";
import { isbn10CheckDigit, isbn13CheckDigit, issnCheckDigit } from "../catalogue/standard-numbers.js";
import {
  ADJECTIVES,
  BOOK_PATTERNS,
  GIVEN_NAMES,
  LANGUAGES,
  NOUNS,
  PUBLISHERS,
  SERIAL_PATTERNS,
  SUBJECTS,
  SURNAMES,
  type Subject,
} from "./demo-words.js";
import { Prng } from "./prng.js";

/**
 * The demo catalogue, generated (pure and deterministic: same seed, same 300 titles) so that it
 * exercises what the services depend on (DOMAIN 4): books with page counts and one item each,
 * journals whose items are described by volume and issue, titles with holdings but no items
 * (general digitization) and titles with no holdings at all.
 */

interface DemoItem {
  barcode: string;
  description: string | null;
  item_policy: string;
  material_type: MaterialType;
  page_count: number | null;
}

interface DemoHolding {
  library: "MAIN" | "SCI";
  location: string;
  call_number: string;
  summary_holdings: string | null;
  items: DemoItem[];
}

interface DemoTitle {
  kind: "book" | "journal" | "holdings_only" | "no_holdings";
  bib: BibInput;
  holdings: DemoHolding[];
}

export const DEMO_CATALOGUE_SHAPE = { book: 180, journal: 40, holdings_only: 60, no_holdings: 20 } as const;
const SEED = 0x5eed_2026;
const LATEST_YEAR = 2024;

const ROMAN: [number, string][] = [
  [10, "x"],
  [9, "ix"],
  [5, "v"],
  [4, "iv"],
  [1, "i"],
];
function toRoman(n: number): string {
  let out = "";
  for (const [value, numeral] of ROMAN) {
    while (n >= value) {
      out += numeral;
      n -= value;
    }
  }
  return out;
}

const plural = (noun: string): string =>
  noun.endsWith("s") ? `${noun}es` : noun.endsWith("y") ? `${noun.slice(0, -1)}ies` : `${noun}s`;

const GOVERNMENT_PRINTER = PUBLISHERS.find((p) => p.place.startsWith("Washington"));
const TRADE_PUBLISHERS = PUBLISHERS.filter((p) => p !== GOVERNMENT_PRINTER);

/** Class letters by material type where LC shelves it apart from its subject. */
const lcClass = (type: MaterialType, s: Subject): string => (type === "SCORE" ? "M" : type === "MAP" ? "G" : s.lc);

class Generator {
  private readonly r = new Prng(SEED);
  private readonly titles = new Set<string>();
  private barcodeSeq = 0;
  private recordSeq = 0;

  private barcode(): string {
    this.barcodeSeq += 1;
    return `39001${String(this.barcodeSeq).padStart(8, "0")}`;
  }

  private author(): string {
    return `${this.r.pick(SURNAMES)}, ${this.r.pick(GIVEN_NAMES)}`;
  }

  /** Skewed towards recent years, as a working collection is. */
  private year(from: number): number {
    return LATEST_YEAR - Math.floor(this.r.next() ** 2 * (LATEST_YEAR - from));
  }

  private uniqueTitle(make: () => string): string {
    let title = make();
    while (this.titles.has(title)) title = make();
    this.titles.add(title);
    return title;
  }

  private bookTitle(s: Subject): string {
    return this.uniqueTitle(() =>
      this.r.pick(BOOK_PATTERNS)(s.name, this.r.pick(ADJECTIVES), this.r.pick(NOUNS), plural),
    );
  }

  private isbn(year: number): string | null {
    if (year < 1970) return null;
    if (year < 2007) {
      const body = this.r.digits(9);
      return body + isbn10CheckDigit(body);
    }
    const body = `978${this.r.digits(9)}`;
    return body + isbn13CheckDigit(body);
  }

  private identifiers(year: number) {
    this.recordSeq += 1;
    return {
      system_numbers: [`(DEMO)${String(this.recordSeq).padStart(6, "0")}`],
      ...(this.r.chance(0.6) ? { oclc: String(this.r.int(10_000_000, 999_999_999)) } : {}),
      ...(year >= 1970 && this.r.chance(0.4) ? { lccn: `${year}${this.r.digits(6)}` } : {}),
    };
  }

  private callNumber(lc: string, author: string, year: number): string {
    return `${lc}${this.r.int(1, 999)}.${this.r.int(1, 9)} .${author.charAt(0)}${this.r.int(10, 99)} ${year}`;
  }

  private printExtent(): string {
    const prelims = this.r.chance(0.7) ? `${toRoman(this.r.int(5, 30))}, ` : "";
    const trailing = this.r.chance(0.1) ? `, [${this.r.int(1, 4) * 2}]` : "";
    return `${prelims}${this.r.int(80, 720)}${trailing} p.`;
  }

  /** Most titles are books; a few of each other type keep the material-type rules honest. */
  private bookType(i: number): MaterialType {
    if (i % 18 === 5) return "THESIS";
    if (i % 30 === 11) return "SCORE";
    if (i % 30 === 17) return "MAP";
    if (i % 30 === 29) return "GOVERNMENT_DOCUMENT";
    if (i % 45 === 14) return "VIDEO";
    if (i % 45 === 41) return "SOUND_RECORDING";
    return "BOOK";
  }

  private extentFor(type: MaterialType): string {
    switch (type) {
      case "SCORE":
        return `1 score (${this.r.int(24, 160)} p.)`;
      case "MAP":
        return "1 map";
      case "VIDEO":
        return `1 videodisc (${this.r.int(45, 140)} min.)`;
      case "SOUND_RECORDING":
        return `1 audio disc (${this.r.int(40, 80)} min.)`;
      case "THESIS":
        return `${toRoman(this.r.int(6, 14))}, ${this.r.int(120, 380)} leaves`;
      default:
        return this.printExtent();
    }
  }

  private titleFor(type: MaterialType, s: Subject): string {
    switch (type) {
      case "THESIS":
        return this.uniqueTitle(
          () => `${this.r.pick(ADJECTIVES)} ${plural(this.r.pick(NOUNS))} in ${s.name}: A Dissertation`,
        );
      case "MAP":
        return this.uniqueTitle(() => `${this.r.pick(ADJECTIVES)} ${this.r.pick(NOUNS)}: A Map of the Region`);
      case "GOVERNMENT_DOCUMENT":
        return this.uniqueTitle(() => `Report of the Commission on ${s.name} (${this.r.int(1950, 2020)})`);
      case "SCORE":
        return this.uniqueTitle(() => `${this.r.pick(NOUNS)} Suite for String Quartet, op. ${this.r.int(1, 90)}`);
      default:
        return this.bookTitle(s);
    }
  }

  private bib(type: MaterialType, s: Subject, from: number, extent: string | null): BibInput {
    const year = this.year(from);
    const publisher = type === "GOVERNMENT_DOCUMENT" ? GOVERNMENT_PRINTER : this.r.pick(TRADE_PUBLISHERS);
    return {
      title: this.titleFor(type, s),
      author: type === "GOVERNMENT_DOCUMENT" ? null : this.author(),
      publisher: publisher?.name ?? null,
      publication_date: this.r.chance(0.3) ? `c${year}` : String(year),
      publication_year: year,
      edition: this.r.chance(0.12) ? this.r.pick(["2nd ed.", "3rd ed.", "Rev. ed."]) : null,
      isbn: type === "BOOK" || type === "SCORE" ? this.isbn(year) : null,
      language: this.r.pick(LANGUAGES),
      material_type: type,
      extent: extent ?? this.extentFor(type),
      identifiers: this.identifiers(year),
    };
  }

  book(i: number): DemoTitle {
    const s = this.r.pick(SUBJECTS);
    const type = this.bookType(i);
    const bib = this.bib(type, s, 1850, null);
    const reference = s.library === "MAIN" && this.r.chance(0.1);
    return {
      kind: "book",
      bib,
      holdings: [
        {
          library: s.library,
          location: reference ? "SPEC" : "STACKS",
          call_number: this.callNumber(lcClass(type, s), bib.author ?? "U", bib.publication_year ?? LATEST_YEAR),
          summary_holdings: null,
          items: [
            {
              barcode: this.barcode(),
              description: null,
              item_policy: reference ? "NON_CIRCULATING" : "STANDARD_LOAN",
              material_type: type,
              page_count: pageCountFromExtent(bib.extent),
            },
          ],
        },
      ],
    };
  }

  journal(i: number): DemoTitle {
    const s = SUBJECTS[i % SUBJECTS.length] as Subject;
    // walking the patterns at a different pace from the subjects keeps every title distinct
    const pattern = SERIAL_PATTERNS[
      (i + Math.floor(i / SUBJECTS.length)) % SERIAL_PATTERNS.length
    ] as (typeof SERIAL_PATTERNS)[number];
    const title = this.uniqueTitle(() => pattern(s.name));
    const start = this.r.int(1950, 2000);
    const lastVolume = LATEST_YEAR - start + 1;
    const perYear = this.r.pick([2, 4, 6, 12]);
    const count = this.r.int(6, 12);
    const issnBody = this.r.digits(7);
    const items: DemoItem[] = [];
    for (let k = 0; k < count; k++) {
      const back = k; // issues counted back from the latest
      const yearOffset = Math.floor(back / perYear);
      const no = perYear - (back % perYear);
      items.push({
        barcode: this.barcode(),
        description: `v.${lastVolume - yearOffset} no.${no} (${LATEST_YEAR - yearOffset})`,
        item_policy: "NON_CIRCULATING",
        material_type: "JOURNAL",
        page_count: this.r.int(48, 220),
      });
    }
    return {
      kind: "journal",
      bib: {
        title,
        author: null,
        publisher: this.r.pick(TRADE_PUBLISHERS).name,
        publication_date: `${start}-`,
        publication_year: start,
        issn: `${issnBody.slice(0, 4)}-${issnBody.slice(4)}${issnCheckDigit(issnBody)}`,
        language: "eng",
        material_type: "JOURNAL",
        extent: "v.",
        identifiers: this.identifiers(start),
      },
      holdings: [
        {
          library: s.library,
          location: s.library === "MAIN" ? "PER" : "JOURNALS",
          call_number: `${s.lc}1 .${title.charAt(0)}${this.r.int(10, 99)}`,
          summary_holdings: `v.1-${lastVolume} (${start}-${LATEST_YEAR})`,
          items,
        },
      ],
    };
  }

  /** Older or special material shelved without barcoded items: only general digitization fits. */
  holdingsOnly(i: number): DemoTitle {
    const s = this.r.pick(SUBJECTS);
    if (i % 4 === 0) {
      const first = this.r.int(1780, 1900);
      const person = `${this.r.pick(GIVEN_NAMES)} ${this.r.pick(SURNAMES)}`;
      return {
        kind: "holdings_only",
        bib: {
          title: this.uniqueTitle(() => `Letters and papers of ${person}, ${first}-${first + this.r.int(5, 40)}`),
          author: null,
          publication_date: `${first}-`,
          publication_year: first,
          language: "eng",
          material_type: "MANUSCRIPT",
          extent: `${this.r.int(1, 12)} boxes`,
          identifiers: this.identifiers(first),
        },
        holdings: [
          {
            library: "MAIN",
            location: "SPEC",
            call_number: `MS ${this.r.int(100, 999)}`,
            summary_holdings: null,
            items: [],
          },
        ],
      };
    }
    const volumes = i % 3 === 0 ? this.r.int(2, 6) : 0;
    const bib = this.bib("BOOK", s, 1800, volumes ? `${volumes} v.` : null);
    return {
      kind: "holdings_only",
      bib,
      holdings: [
        {
          library: s.library,
          location: s.library === "MAIN" && this.r.chance(0.5) ? "SPEC" : "STACKS",
          call_number: this.callNumber(s.lc, bib.author ?? "U", bib.publication_year ?? LATEST_YEAR),
          summary_holdings: volumes ? `v.1-${volumes}` : null,
          items: [],
        },
      ],
    };
  }

  noHoldings(i: number): DemoTitle {
    const s = this.r.pick(SUBJECTS);
    return { kind: "no_holdings", bib: this.bib(i % 5 === 0 ? "OTHER" : "BOOK", s, 1950, null), holdings: [] };
  }
}

export function demoCatalogue(): DemoTitle[] {
  const g = new Generator();
  const out: DemoTitle[] = [];
  for (let i = 0; i < DEMO_CATALOGUE_SHAPE.book; i++) out.push(g.book(i));
  for (let i = 0; i < DEMO_CATALOGUE_SHAPE.journal; i++) out.push(g.journal(i));
  for (let i = 0; i < DEMO_CATALOGUE_SHAPE.holdings_only; i++) out.push(g.holdingsOnly(i));
  for (let i = 0; i < DEMO_CATALOGUE_SHAPE.no_holdings; i++) out.push(g.noHoldings(i));
  withFullText(out);
  return out;
}

/** How many public-domain books the demo says are online, so display logic's full_text_online has data. */
export const DEMO_ONLINE_BOOKS = 5;

// Chosen after generation, not drawn from the generator, so the rest of the catalogue stays as it was.
function withFullText(titles: DemoTitle[]) {
  const publicDomain = titles.filter(
    (t) => t.kind === "book" && t.bib.material_type === "BOOK" && (t.bib.publication_year ?? LATEST_YEAR) < 1931,
  );
  publicDomain.slice(0, DEMO_ONLINE_BOOKS).forEach((t, i) => {
    t.bib.full_text_url = `https://digital.demo.example.edu/books/${i + 1}`;
  });
}
