import { defineTexts } from "../../../shared/texts";
import { de } from "./text-de";
import { en } from "./text-en";
import { es } from "./text-es";
import { fr } from "./text-fr";

/** The rule-table editor and the approval reasons (one file per language beside this one). */
export const rulesText = defineTexts({ en, fr, de, es });
export type RulesWords = typeof en;
