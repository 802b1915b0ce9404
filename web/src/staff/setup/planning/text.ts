import { defineTexts } from "../../../shared/texts";
import { de } from "./text-de";
import { en } from "./text-en";
import { es } from "./text-es";
import { fr } from "./text-fr";

/** The planning page (setup step 1): the guide's seven questions, the proposal, the confirmation (one file per language beside this one). */
export const planningText = defineTexts({ en, fr, de, es });
