import { afterAll, describe, expect, it } from "vitest";
import { RenderPool, type RenderPart } from "./render-pool.js";
import { TemplateProblem, tooMuchMemory, tooSlow } from "./template-problem.js";

const letter = (body: string): RenderPart[] => [
  { field: "subject", source: "Hello {{ name }}", escape: false },
  { field: "body_html", source: body, escape: true },
  { field: "body_text", source: "Bye {{ name }}", escape: false },
];
const plain = letter("<p>{{ name }}</p>");

// An array of a million strings, sorted six times in one output: LiquidJS checks its render limit
// between template nodes, never inside a filter chain, so only the pool can stop this one.
const sortForever =
  '{% assign a = "Bb,a,C,d" | split: "," %}{% for i in (1..18) %}{% assign a = a | concat: a %}{% endfor %}' +
  "{{ a | sort_natural | reverse | sort_natural | reverse | sort_natural | reverse | sort_natural | reverse | sort_natural | reverse | sort_natural | size }}";
// Doubles an array until the thread's heap is full (LiquidJS's own memory count is switched off here).
const eatMemory =
  '{% assign a = "x,x,x,x,x,x,x,x" | split: "," %}{% for i in (1..40) %}{% assign a = a | concat: a %}{% endfor %}{{ a | size }}';
const nestedLoop = "{% for i in (1..5000) %}{% for j in (1..1000) %}x{% endfor %}{% endfor %}";

const pools: RenderPool[] = [];
const pool = (options: Partial<ConstructorParameters<typeof RenderPool>[0]> = {}) => {
  const p = new RenderPool({ workers: 1, timeoutMs: 200, memoryMb: 64, ...options });
  pools.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

const problem = async (promise: Promise<unknown>) => {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TemplateProblem);
  return { field: (err as TemplateProblem).field, message: (err as TemplateProblem).message };
};

describe("the letter rendering pool", () => {
  it("renders a template's parts off the main thread, escaping HTML only", async () => {
    const p = pool();
    expect(await p.render(plain, { name: "<Ada>" })).toEqual({
      subject: "Hello <Ada>",
      body_html: "<p>&lt;Ada&gt;</p>",
      body_text: "Bye <Ada>",
    });
    expect(p.stats).toMatchObject({ threads: 1, busy: 0, queued: 0, started: 1 });
  });

  it("stops a template that would run for a long time inside one filter, then renders the next", async () => {
    // Building the array alone takes 0.1 to 0.5 s (more on a slower or busier machine); within a
    // 200 ms deadline LiquidJS itself would stop it there, between nodes, and keep the thread.
    // The sorts take several seconds: the deadline must fall in them, where only the pool can stop it.
    const p = pool({ liquid: { memoryLimit: Infinity }, memoryMb: 128, timeoutMs: 2500 });
    // Both are queued at once on the single thread: the second waits, then runs on its replacement.
    const slow = p.render(letter(sortForever), {});
    const next = p.render(plain, { name: "Ada" });
    expect(await problem(slow)).toEqual({ field: "body_html", message: tooSlow(2500) });
    expect(await next).toMatchObject({ body_html: "<p>Ada</p>" });
    expect(p.stats).toMatchObject({ threads: 1, busy: 0, queued: 0, started: 2 });
  });

  it("stops a loop at the deadline inside LiquidJS, keeping the thread", async () => {
    const p = pool();
    expect(await problem(p.render(letter(nestedLoop), {}))).toEqual({ field: "body_html", message: tooSlow(200) });
    expect(await p.render(plain, { name: "Ada" })).toMatchObject({ subject: "Hello Ada" });
    expect(p.stats).toMatchObject({ threads: 1, started: 1 });
  });

  it("stops a template that needs more memory than its thread may have, then renders the next", async () => {
    const p = pool({ timeoutMs: 20_000, memoryMb: 32, liquid: { memoryLimit: Infinity } });
    expect(await problem(p.render(letter(eatMemory), {}))).toEqual({ field: "body_html", message: tooMuchMemory });
    expect(await p.render(plain, { name: "Ada" })).toMatchObject({ body_text: "Bye Ada" });
    expect(p.stats).toMatchObject({ threads: 1, started: 2 });
  });

  it("says LiquidJS's own memory limit the same way, and names the part that failed", async () => {
    const p = pool({ timeoutMs: 20_000 });
    const parts: RenderPart[] = [...plain.slice(0, 2), { field: "body_text", source: eatMemory, escape: false }];
    expect(await problem(p.render(parts, { name: "Ada" }))).toEqual({ field: "body_text", message: tooMuchMemory });
    expect(await problem(p.render(letter("{{ name | no_such_filter }}"), {}))).toMatchObject({ field: "body_html" });
  });

  it("runs a render again on a new thread when its thread dies before beginning it, and only once", async () => {
    const url = new URL("../../test/render-worker-dying.mjs", import.meta.url);
    const dyingPool = (dying: number) => {
      const threadsStarted = new SharedArrayBuffer(4);
      return pool({ timeoutMs: 20_000, worker: { url, data: { threadsStarted, dying } } });
    };
    const once = dyingPool(1);
    expect(await once.render(plain, { name: "Ada" })).toMatchObject({ subject: "Hello Ada" });
    expect(once.stats).toMatchObject({ threads: 1, busy: 0, queued: 0, started: 2 });

    const twice = dyingPool(2);
    await expect(twice.render(plain, { name: "Ada" })).rejects.toThrow("the letter renderer stopped");
    expect(await twice.render(plain, { name: "Bea" })).toMatchObject({ subject: "Hello Bea" });
    expect(twice.stats).toMatchObject({ started: 3 });
  });

  it("renders on one thread while it keeps up, and queues the renders behind it", async () => {
    const p = pool({ workers: 2, timeoutMs: 20_000, growAfterMs: 10_000 });
    const all = [1, 2, 3, 4, 5].map((n) => p.render(plain, { name: `n${n}` }));
    expect(p.stats).toMatchObject({ threads: 1, busy: 1, queued: 4 });
    expect((await Promise.all(all)).map((o) => o.subject)).toEqual([
      "Hello n1",
      "Hello n2",
      "Hello n3",
      "Hello n4",
      "Hello n5",
    ]);
    expect(p.stats).toMatchObject({ threads: 1, busy: 0, queued: 0, started: 1 });
  });

  it("starts another thread for a render that waited growAfterMs behind a slow one, up to its thread count", async () => {
    const p = pool({ workers: 2, timeoutMs: 1500, growAfterMs: 50 });
    let slowDone = false;
    const slow = p.render(letter(nestedLoop), {}).finally(() => (slowDone = true));
    const quick = [1, 2, 3].map((n) => p.render(plain, { name: `n${n}` }));
    expect(p.stats).toMatchObject({ threads: 1, busy: 1, queued: 3 });
    // The quick ones go out on a second thread while the slow one still holds the first.
    expect((await Promise.all(quick)).map((o) => o.subject)).toEqual(["Hello n1", "Hello n2", "Hello n3"]);
    expect(slowDone).toBe(false);
    expect(p.stats).toMatchObject({ threads: 2, started: 2 });
    expect(await problem(slow)).toEqual({ field: "body_html", message: tooSlow(1500) });

    // Both threads busy with slow ones: the rest wait, and no third thread starts.
    const slowOnes = [p.render(letter(nestedLoop), {}), p.render(letter(nestedLoop), {})];
    const waiting = [4, 5, 6].map((n) => p.render(plain, { name: `n${n}` }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // (Not `started`: under load the first slow one's thread may be stopped at its deadline and
    // replaced, which starts a thread without there being more than two.)
    expect(p.stats).toMatchObject({ threads: 2, busy: 2, queued: 3 });
    await Promise.all(slowOnes.map((r) => problem(r)));
    expect((await Promise.all(waiting)).map((o) => o.subject)).toEqual(["Hello n4", "Hello n5", "Hello n6"]);
  });

  it("replaces a thread that dies at once when renders wait, even while another thread is busy", async () => {
    // The pool reads growAfterMs at each decision: short to start the second thread, then long.
    const options = { workers: 2, timeoutMs: 20_000, memoryMb: 32, liquid: { memoryLimit: Infinity }, growAfterMs: 50 };
    const p = new RenderPool(options);
    pools.push(p);
    let slowDone = false;
    // About ten seconds of loop that writes nothing (its heap stays small); stopped by close() below.
    const slow = p.render(letter("{% for i in (1..10000) %}{% for j in (1..1000) %}{% endfor %}{% endfor %}"), {}).then(
      () => (slowDone = true),
      () => (slowDone = true),
    );
    const hungry = p.render(letter(eatMemory), {});
    const next = p.render(plain, { name: "Ada" });
    // The second thread starts for `hungry` once it has waited 50 ms; `next` waits behind both.
    while (p.stats.threads < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    options.growAfterMs = 600_000;
    expect(p.stats).toMatchObject({ threads: 2, busy: 2, queued: 1 });
    // `hungry` kills its thread: a new one takes `next` now, not growAfterMs later, while the
    // first thread still works on the slow template.
    expect(await problem(hungry)).toEqual({ field: "body_html", message: tooMuchMemory });
    expect(await next).toMatchObject({ body_html: "<p>Ada</p>" });
    expect(slowDone).toBe(false);
    expect(p.stats).toMatchObject({ threads: 2, started: 3 });
    await p.close();
    await slow;
  });

  it("stops a thread idle for idleMs, and starts one again for the next render", async () => {
    const p = pool({ idleMs: 100 });
    expect(await p.render(plain, { name: "a" })).toMatchObject({ subject: "Hello a" });
    expect(p.stats).toMatchObject({ threads: 1, started: 1 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(p.stats).toMatchObject({ threads: 0, started: 1 });
    expect(await p.render(plain, { name: "b" })).toMatchObject({ subject: "Hello b" });
    expect(p.stats).toMatchObject({ threads: 1, started: 2 });
  });

  it("fails renders still waiting when closed, and starts again on the next one", async () => {
    const p = pool();
    const waiting = [p.render(plain, { name: "a" }), p.render(plain, { name: "b" })];
    const outcomes = waiting.map((w) =>
      w.then(
        () => "rendered",
        (e: Error) => e.message,
      ),
    );
    await p.close();
    expect(await Promise.all(outcomes)).toEqual(["letter rendering was stopped", "letter rendering was stopped"]);
    expect(p.stats).toMatchObject({ threads: 0 });
    expect(await p.render(plain, { name: "c" })).toMatchObject({ subject: "Hello c" });
  });
});
