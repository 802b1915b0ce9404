import { loadConfig } from "../config.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import type { CommandModule } from "./commands.js";

export const migrateCommand: CommandModule = {
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
