/**
 * Import profiles: where a MARC export keeps its holdings and items. Vendors put items in a
 * local tag with their own subfield letters; MARC 21 itself puts holdings in 852 (in the
 * bibliographic record or in separate MFHD records linked by 004) and item barcodes in 852 $p.
 */

interface ItemTagMap {
  tag: string;
  /** subfield codes */
  barcode: string;
  library: string;
  location: string;
  callNumber: string;
  itemType: string | null;
  description: string | null;
}

export interface ImportProfile {
  name: string;
  description: string;
  /** items from a local tag, one field per item */
  itemTag: ItemTagMap | null;
  /** holdings from 852 (bib or MFHD): $b library, $c location, $h $i call number, $p barcode, 866 $a summary */
  holdings852: boolean;
}

export const IMPORT_PROFILES: Record<string, ImportProfile> = {
  evergreen: {
    name: "evergreen",
    description:
      "SirsiDynix Unicorn exports as in the Evergreen test data: one 949 per item ($i barcode, $l location, $m library, $t item type, $a call number)",
    itemTag: {
      tag: "949",
      barcode: "i",
      library: "m",
      location: "l",
      callNumber: "a",
      itemType: "t",
      description: null,
    },
    holdings852: false,
  },
  marc21: {
    name: "marc21",
    description:
      "MARC 21 holdings: 852 in the record or in MFHD records ($b library, $c location, $h $i call number, $p item barcode, 866 $a summary)",
    itemTag: null,
    holdings852: true,
  },
};

export const DEFAULT_PROFILE = "evergreen";
export const PROFILE_NAMES = Object.keys(IMPORT_PROFILES);
