/**
 * The approval reasons migration 014 gave every institution (DOMAIN 5.5), frozen: copied from the
 * app's starting list when the migrations stopped calling the app's seeding code. Never edit it
 * to follow the app: what a new institution gets now lives in src/rules/.
 */

export const STARTING_REASONS: { code: string; label: string; description: string }[] = [
  {
    code: "PUBLIC_DOMAIN",
    label: "Public domain",
    description: "The work is out of copyright, or never was in it.",
  },
  {
    code: "FAIR_USE",
    label: "Fair use",
    description: "The copy falls within fair use (17 U.S.C. § 107) or fair dealing.",
  },
  {
    code: "LICENCE_HELD",
    label: "Licence held",
    description: "A licence the library holds (a collective or publisher licence) covers the copy.",
  },
  {
    code: "PERMISSION_OBTAINED",
    label: "Permission obtained",
    description: "The rights holder has given permission for the copy.",
  },
  {
    code: "OPEN_LICENCE",
    label: "Open licence",
    description: "The work carries an open licence (such as Creative Commons) that allows the copy.",
  },
  {
    code: "GOVERNMENT_WORK",
    label: "Government work",
    description: "A work of the US federal government, which carries no copyright (17 U.S.C. § 105).",
  },
  {
    code: "FACULTY_TEACHING",
    label: "Faculty teaching and research",
    description: "Faculty requests for teaching and research, which the institution approves without review.",
  },
];
