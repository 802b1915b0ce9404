import { z } from "zod";

/** The zod schemas of delivery-routes.ts: what its routes accept and answer. */
export const tokenParams = z.object({ token: z.string().max(200) });
export const html = (what: string) => z.string().describe(`HTML page: ${what}`);
