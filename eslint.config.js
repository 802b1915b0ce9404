import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import recto from "./eslint/import-directions.js";

export default tseslint.config(
  { ignores: ["node_modules", "data", "dist", "coverage", "web/dist", "web/src/shared/api/schema.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: globals.node } },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  { files: ["src/cli/**", "bench/**", "scripts/**", "bin/**"], rules: { "no-console": "off" } },
  // Migrations are frozen: they carry their own SQL and data, so app code can never change them.
  {
    files: ["src/db/migrations/**/*.ts"],
    ignores: ["src/db/migrations/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!kysely$|\\./(?!.*\\.\\.)|\\.\\./dialect\\.js$)",
              message: "A migration imports only kysely, ../dialect.js and frozen files of src/db/migrations/.",
            },
          ],
        },
      ],
    },
  },
  // The web pages run in browsers.
  { files: ["web/src/**"], languageOptions: { globals: globals.browser } },
  // Tests read loosely-typed JSON answers; `any` there keeps assertions readable.
  { files: ["test/**", "**/*.test.ts"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
  // Import directions between the areas (docs/architecture.md, "What may import what"), and SQL
  // only in repositories (sql-in-repositories). The rules and their reasons are in
  // eslint/import-directions.js; tests are not checked.
  {
    files: ["src/**/*.ts", "src/**/*.mjs"],
    ignores: ["**/*.test.ts"],
    plugins: { recto },
    rules: { "recto/import-directions": "error", "recto/sql-in-repositories": "error" },
  },
);
