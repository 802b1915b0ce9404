import { loadConfig } from "../config.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import type { Command } from "./commands.js";

export const migrateCommand: Command = {
  summary: "Apply pending database migrations (also done at every start)",
  async run() {
    const config = loadConfig();
    const opened = openDatabase(config.database);
    try {
      const { applied } = await migrateToLatest(opened.db, opened.dialect);
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
      return 0;
    } finally {
      await opened.close();
    }
  },
};
