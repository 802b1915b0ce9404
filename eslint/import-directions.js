// The allowed import directions between Recto's areas (docs/architecture.md, "What may import
// what"). A local ESLint rule so that the map cannot drift from the code: `npm test` runs
// `eslint .`, which fails on an import that goes the wrong way. Tests (`*.test.ts`, test/,
// bench/) may import anything and are not checked.
import path from "node:path";

const FOUNDATION = ["src/errors.ts", "src/clock.ts", "src/config.ts", "src/context.ts", "src/shared/", "src/db/"];
const under = (file, ...prefixes) => prefixes.some((p) => (p.endsWith("/") ? file.startsWith(p) : file === p));
const base = (file) => path.posix.basename(file);

/** The HTTP layer: route files and their zod schemas, the compatibility routes, the server. */
export const isHttp = (file) =>
  under(file, "src/server/", "src/compat/") || /^(routes|schemas|.+-routes|.+-schemas)\.ts$/.test(base(file));
const isFoundation = (file) => under(file, ...FOUNDATION) && !under(file, "src/db/migrations/");
/** Presenters shape the JSON a route answers, so they may name the route's schemas. */
const isPresenter = (file) => /^(present|.+-present)\.ts$/.test(base(file));
const isRepository = (file) => /^(repository|.+-repository)\.ts$/.test(base(file));

/**
 * Each check: which importing files it governs, whether an import (repo-relative path of the
 * imported module, or the bare package name) breaks it, and why the direction matters.
 */
export const CHECKS = [
  {
    id: "top",
    governs: () => true,
    breaks: (from, to) =>
      (under(to, "src/cli/") && !under(from, "src/cli/")) ||
      (under(to, "src/demo/") && !under(from, "src/cli/", "src/demo/")),
    why: "cli/ and demo/ are the top: only the command line starts them (cli/ may import demo/), nothing imports them back.",
  },
  {
    id: "server",
    governs: (from) => !isHttp(from) && !under(from, "src/cli/"),
    breaks: (_from, to) => under(to, "src/server/"),
    why: "only route files (`routes.ts`, `*-routes.ts`, their `schemas.ts`), compat/ and cli/ may use the HTTP server; use cases, repositories and policies take a DomainContext (src/context.ts).",
  },
  {
    id: "compat",
    governs: (from) => !under(from, "src/compat/", "src/server/"),
    breaks: (_from, to) => under(to, "src/compat/"),
    why: "the /almaws compatibility layer sits on the domain; only server/routes.ts mounts it.",
  },
  {
    id: "http-on-top",
    governs: (from) => !isHttp(from) && !isPresenter(from) && !under(from, "src/cli/"),
    breaks: (_from, to) => to.startsWith("src/") && isHttp(to),
    why: "route and schema files are the HTTP layer: the domain never imports them (move what it needs into a use case or a pure module).",
  },
  {
    id: "engine",
    governs: (from) => under(from, "src/rules/engine/"),
    breaks: (_from, to) =>
      to.startsWith("src/") ? !under(to, "src/rules/engine/", "src/shared/", "src/errors.ts") : to !== "zod",
    why: "rules/engine/ is pure (model, operators, compile, evaluate, trace, parameters): it imports only itself, shared/, errors.ts and zod, so it can be tested and benchmarked alone.",
  },
  {
    id: "foundation",
    governs: (from) => isFoundation(from),
    breaks: (_from, to, typeOnly) => to.startsWith("src/") && !under(to, ...FOUNDATION) && !typeOnly,
    why: "errors.ts, clock.ts, config.ts, context.ts, shared/ and db/ are the foundation every area stands on: they import no area (a type may be named).",
  },
  {
    id: "repository",
    governs: (from) => isRepository(from),
    breaks: (_from, to) =>
      to.startsWith("src/") &&
      (isHttp(to) ||
        /^(present|policy|.+-present|.+-policy)\.ts$/.test(base(to)) ||
        under(to, "src/worker/", "src/outbox/process-outbox.ts", "src/cli/", "src/demo/")),
    why: "a repository is SQL only: it imports the database, pure helpers and other repositories, never routes, presenters, policies, jobs or the server.",
  },
];

function resolve(context, spec) {
  if (!spec.startsWith("."))
    return spec.startsWith("node:")
      ? spec
      : spec
          .split("/")
          .slice(0, spec.startsWith("@") ? 2 : 1)
          .join("/");
  const abs = path.resolve(path.dirname(context.filename), spec);
  return path.relative(context.cwd, abs).split(path.sep).join("/").replace(/\.js$/, ".ts");
}

export const importDirections = {
  meta: {
    type: "problem",
    docs: { description: "Enforce the allowed import directions between Recto's areas (docs/architecture.md)" },
    schema: [],
    messages: { wrongWay: "{{from}} may not import {{to}} ({{id}}): {{why}}" },
  },
  create(context) {
    const from = path.relative(context.cwd, context.filename).split(path.sep).join("/");
    if (!from.startsWith("src/") || from.endsWith(".test.ts")) return {};
    const checks = CHECKS.filter((c) => c.governs(from));
    const check = (node, source, typeOnly) => {
      if (!source || typeof source.value !== "string") return;
      const to = resolve(context, source.value);
      for (const c of checks) {
        if (c.breaks(from, to, typeOnly)) {
          context.report({ node, messageId: "wrongWay", data: { from, to, id: c.id, why: c.why } });
          return;
        }
      }
    };
    const typeOnly = (node) =>
      node.importKind === "type" ||
      node.exportKind === "type" ||
      (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === "type" || s.exportKind === "type"));
    return {
      ImportDeclaration: (node) => check(node, node.source, typeOnly(node)),
      ExportNamedDeclaration: (node) => check(node, node.source, typeOnly(node)),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === "type"),
      ImportExpression: (node) => check(node, node.source, false),
    };
  },
};

/** Kysely's query-builder entry points: a call of one of these writes SQL. */
const QUERY_BUILDERS = new Set(["selectFrom", "insertInto", "updateTable", "deleteFrom", "replaceInto", "mergeInto"]);

/**
 * Where SQL may be written: repositories (`repository.ts`, `*-repository.ts`) and the database
 * foundation (`src/db/`, migrations included). Tests, test/ and bench/ set their scene freely and
 * are not checked (the config applies this rule to `src/` without `*.test.ts`).
 */
export const maySql = (file) =>
  !file.startsWith("src/") || file.endsWith(".test.ts") || file.startsWith("src/db/") || isRepository(file);

/**
 * "SQL only in repositories" (docs/architecture.md, "Which repository owns which table"): a
 * query-builder call (`selectFrom`, `insertInto`, `updateTable`, `deleteFrom`) or a `sql`
 * template outside a repository is reported, so each table's SQL stays in the one file that owns
 * it and a query is never written twice.
 */
export const sqlInRepositories = {
  meta: {
    type: "problem",
    docs: { description: "SQL (Kysely query builders and sql templates) only in *-repository.ts files and src/db/" },
    schema: [],
    messages: {
      sqlOutside:
        '{{from}} writes SQL ({{what}}) (sql-in-repositories): queries live in the repository that owns the table (docs/architecture.md, "Which repository owns which table"); call a function of it instead.',
    },
  },
  create(context) {
    const from = path.relative(context.cwd, context.filename).split(path.sep).join("/");
    if (maySql(from)) return {};
    const report = (node, what) => context.report({ node, messageId: "sqlOutside", data: { from, what } });
    const isSql = (node) =>
      (node.type === "Identifier" && node.name === "sql") ||
      (node.type === "MemberExpression" && node.object.type === "Identifier" && node.object.name === "sql");
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type === "MemberExpression" && !callee.computed && QUERY_BUILDERS.has(callee.property.name))
          report(node, `${callee.property.name}()`);
        else if (callee.type === "MemberExpression" && isSql(callee)) report(node, `sql.${callee.property.name}()`);
      },
      TaggedTemplateExpression(node) {
        const tag = node.tag.type === "TSInstantiationExpression" ? node.tag.expression : node.tag;
        if (isSql(tag)) report(node, "sql`…`");
      },
    };
  },
};

export default { rules: { "import-directions": importDirections, "sql-in-repositories": sqlInRepositories } };
