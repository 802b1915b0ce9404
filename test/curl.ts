import type { InjectOptions } from "fastify";

/** Splits a shell command line into words: single and double quotes, backslash-newline continuations. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  const text = command.replace(/\\\n/g, " ");
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unclosed ${c} in: ${command}`);
      word = (word ?? "") + text.slice(i + 1, end);
      i = end;
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/**
 * The HTTP request a documented `curl` command sends (-X, -H, -d and the URL), as inject
 * options, so that tests run the exact command of the README against the app.
 */
export function curlToInject(command: string): InjectOptions {
  const words = shellWords(command.trim());
  if (words[0] !== "curl") throw new Error(`not a curl command: ${command}`);
  const headers: Record<string, string> = {};
  let method: string | undefined;
  let payload: string | undefined;
  let url: string | undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w === "-X") method = words[++i];
    else if (w === "-H") {
      const [name, ...value] = words[++i]!.split(":");
      headers[name!.trim().toLowerCase()] = value.join(":").trim();
    } else if (w === "-d" || w === "--data") payload = words[++i];
    else if (w.startsWith("-")) throw new Error(`curl option ${w} is not understood by curlToInject`);
    else url = w;
  }
  if (!url) throw new Error(`no URL in: ${command}`);
  const { pathname, search } = new URL(url);
  return {
    method: (method ?? (payload === undefined ? "GET" : "POST")) as InjectOptions["method"],
    url: pathname + search,
    headers,
    ...(payload === undefined ? {} : { payload }),
  };
}

/** The fenced `sh` code blocks of a Markdown text whose command contains `marker`. */
export function documentedCommands(markdown: string, marker: string): string[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
  return blocks.filter((b) => b.includes(marker));
}
