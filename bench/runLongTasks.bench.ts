/**
 * Main-thread long tasks while a run trains (a script, not a test). Opens the real editor
 * (two-spirals example), opens the run dock, trains N steps on wasm, and records:
 * - every long task (PerformanceObserver 'longtask', > 50 ms), as the e2e tests count them;
 * - a Chromium trace of the page's main thread: each long task's wall time, its thread CPU time
 *   (a task far longer in wall time than in CPU time was starved by other processes, not busy)
 *   and the trace events inside it;
 * - a V8 CPU profile of the main thread: the hottest functions over the run and inside the
 *   long tasks;
 * - the run panel's component commits and chart redraws (counted from outside the panel, see
 *   test/e2e/renderCounts.ts).
 * It prints the load average next to the numbers: long tasks are wall-clock, and a busy machine
 * stretches them.
 *
 * Run: npx tsx bench/runLongTasks.bench.ts [--steps=300] [--rounds=1] [--prod] [--top=25] [--graph=NAME]
 *   --graph=NAME trains graphs/NAME.graph.json instead of the example (two-spirals-mlp).
 *   --style='<css>' adds a style sheet to the page first (to try a CSS change).
 *   --prod measures a production build (`vite build` + `vite preview`, not minified so the
 *   profile names functions) instead of the dev server.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession } from 'playwright-core';
import { build, preview } from 'vite';
import { shareUrl } from '../editor/model/shareLink.ts';
import { launchChromium, openEditor, ROOT, startEditorServer, warmUp } from '../test/e2e/harness.ts';
import { longTasks, startLongTaskObserver } from '../test/e2e/runSupport.ts';
import { installRenderCounter, renderCounts } from '../test/e2e/renderCounts.ts';

const arg = (name: string, fallback: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const STEPS = Number(arg('steps', '300'));
const ROUNDS = Number(arg('rounds', '1'));
const TOP = Number(arg('top', '25'));
const PROD = process.argv.includes('--prod');
const TOP_TASKS = 10;
/** Extra CSS put on the page before the run (to try a style change without editing the app). */
const STYLE = arg('style', '');
/** A graph from graphs/ to train instead of the editor's example (opened through a share link). */
const GRAPH = arg('graph', '');

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { name?: string; data?: { functionName?: string; url?: string } };
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

const load = (): string => loadavg().map((v) => v.toFixed(1)).join(' ');

/** The renderer main thread of the page: the CrRendererMain with the most task time. */
function mainThread(events: readonly TraceEvent[]): { pid: number; tid: number } | undefined {
  const names = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let best: { pid: number; tid: number; busy: number } | undefined;
  for (const t of names) {
    const busy = events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.ph === 'X' && e.name === 'RunTask').reduce((s, e) => s + (e.dur ?? 0), 0);
    if (!best || busy > best.busy) best = { pid: t.pid, tid: t.tid, busy };
  }
  return best;
}

function frameName(n: ProfileNode): string {
  const cf = n.callFrame;
  const file = cf.url.split('/').pop()?.replace(/\?.*$/, '') ?? '';
  return `${cf.functionName || '(anonymous)'}${file ? ` ${file}:${String(cf.lineNumber + 1)}` : ''}`;
}

/** A function's name; a native one (no script) also names the script function that called it. */
function frameKey(n: ProfileNode, parents: ReadonlyMap<number, ProfileNode>): string {
  if (n.callFrame.url || n.callFrame.functionName.startsWith('(')) return frameName(n);
  let p = parents.get(n.id);
  while (p && !p.callFrame.url) p = parents.get(p.id);
  return p ? `${frameName(n)} ← ${frameName(p)}` : frameName(n);
}

const SAMPLE_US = 500;
const SAMPLE_CAP_US = 2 * SAMPLE_US;

/** Self time by function (ms) of the samples inside `windows` (µs, profile clock, sorted by start). */
function selfTimes(profile: CpuProfile, windows: readonly (readonly [number, number])[] = [[-Infinity, Infinity]]): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n);
  const out = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let t = profile.startTime;
  let w = 0;
  for (let i = 0; i < samples.length; i++) {
    t += deltas[i] ?? 0;
    while (w < windows.length && windows[w]![1] < t) w++;
    if (w >= windows.length) break;
    if (t < windows[w]![0]) continue;
    // A sample stands for the time to the next one, capped: on a busy machine the sampler is
    // starved too, and an uncapped gap would pin tens of milliseconds on one stack.
    const dt = Math.min(SAMPLE_CAP_US, deltas[i + 1] ?? 0) / 1000;
    const node = byId.get(samples[i]!);
    if (!node) continue;
    const key = frameKey(node, parents);
    if (key.startsWith('(idle)')) continue;
    out.set(key, (out.get(key) ?? 0) + dt);
  }
  return out;
}

function top(m: ReadonlyMap<string, number>, n: number): string[] {
  return [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`);
}

/** The trace events nested directly in a task, summed by name (plus the JS function of calls). */
function childrenOf(events: readonly TraceEvent[], task: TraceEvent): Map<string, { wall: number; cpu: number }> {
  const end = task.ts + (task.dur ?? 0);
  const inside = events.filter((e) => e !== task && e.ph === 'X' && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask');
  const out = new Map<string, { wall: number; cpu: number }>();
  // Keep only outermost events so times do not double count.
  let coveredUntil = -Infinity;
  for (const e of inside.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))) {
    if (e.ts < coveredUntil) continue;
    coveredUntil = e.ts + (e.dur ?? 0);
    const fn = e.args?.data?.functionName;
    const key = fn ? `${e.name}(${fn})` : e.name;
    const prev = out.get(key) ?? { wall: 0, cpu: 0 };
    out.set(key, { wall: prev.wall + (e.dur ?? 0) / 1000, cpu: prev.cpu + (e.tdur ?? 0) / 1000 });
  }
  return out;
}

async function round(browser: Browser, url: string, index: number): Promise<void> {
  const { context, page, errors } = await openEditor(browser, url);
  await installRenderCounter(page);
  if (GRAPH) {
    // Via a blank page: a hash change alone would not reload the document.
    await page.goto('about:blank');
    await page.goto(shareUrl(url, readFileSync(join(ROOT, 'graphs', `${GRAPH}.graph.json`), 'utf8')));
  } else await page.reload();
  await page.waitForSelector('.react-flow__node', { timeout: 120_000 });
  await page.getByTestId('run-dock-toggle').click();
  await page.waitForSelector('[data-testid="run-panel"]', { timeout: 120_000 });
  await page.getByTestId('run-backend').selectOption('wasm');
  await page.waitForSelector('[data-testid="run-backend-status"][data-backend="wasm"]', { timeout: 120_000 });
  await page.getByTestId('run-steps').fill(String(STEPS));
  if (STYLE) await page.addStyleTag({ content: STYLE });
  await startLongTaskObserver(page);
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLE_US });
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'] });
  await cdp.send('Profiler.start');
  const loadBefore = load();
  const t0 = await page.evaluate(() => performance.mark('nw-bench-start').startTime);
  const renders = (): Promise<Record<string, number>> => renderCounts(page);
  const renders0 = await renders();
  await page.getByTestId('run-start').click();
  // Polled slowly: waitForSelector polls on every frame, and its own work would show up here.
  await page.waitForFunction(() => document.querySelector('[data-testid="run-status"]')?.getAttribute('data-phase') === 'done', undefined, { timeout: 600_000, polling: 500 });
  const t1 = await page.evaluate(() => performance.mark('nw-bench-end').startTime);
  const renders1 = await renders();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  const traceText = (await browser.stopTracing()).toString();
  const loadAfter = load();
  const throughput = await page.getByTestId('run-throughput').innerText();
  const long = (await longTasks(page)).filter((t) => t.start >= t0 && t.start <= t1);

  const events = (JSON.parse(traceText) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = mainThread(events);
  const mainEvents = main ? events.filter((e) => e.pid === main.pid && e.tid === main.tid) : [];
  // The run's window on the trace clock (user-timing marks): leaves out the profiler's own
  // start and stop, which run as long tasks of their own.
  const markTs = (name: string): number | undefined => events.find((e) => e.name === name && e.ph !== 'M')?.ts;
  const from = markTs('nw-bench-start') ?? -Infinity;
  const to = markTs('nw-bench-end') ?? Infinity;
  const tasks = mainEvents.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.ts >= from && e.ts <= to);
  const traceLong = tasks.filter((e) => (e.dur ?? 0) > 50_000);
  const busyMs = tasks.reduce((s, e) => s + (e.dur ?? 0), 0) / 1000;
  const cpuMs = tasks.reduce((s, e) => s + (e.tdur ?? 0), 0) / 1000;
  const seconds = (t1 - t0) / 1000;

  console.log(`\n=== round ${String(index + 1)} (${PROD ? 'production build' : 'dev server'}, ${GRAPH || 'two-spirals-mlp'}, ${String(STEPS)} steps on wasm) ===`);
  console.log(`load average before: ${loadBefore}; after: ${loadAfter}; run ${seconds.toFixed(1)} s,${throughput}`);
  console.log(`long tasks (PerformanceObserver, > 50 ms): ${String(long.length)}${long.length ? ` — ${long.map((t) => String(Math.round(t.duration))).join(', ')} ms` : ''}`);
  console.log(`main thread: ${String(tasks.length)} tasks, ${busyMs.toFixed(0)} ms wall busy (${((busyMs / 1000 / seconds) * 100).toFixed(1)} %), ${cpuMs.toFixed(0)} ms CPU`);
  const cpuOf = (e: TraceEvent): number => (e.tdur ?? 0) / 1000;
  const cpuSorted = tasks.map(cpuOf).sort((a, b) => b - a);
  console.log(`task CPU time: max ${(cpuSorted[0] ?? 0).toFixed(1)} ms; tasks over 50 ms CPU: ${String(cpuSorted.filter((c) => c > 50).length)}, over 16 ms: ${String(cpuSorted.filter((c) => c > 16).length)}; largest: ${cpuSorted.slice(0, 8).map((c) => c.toFixed(0)).join(', ')} ms`);
  const counted = Object.keys(renders1)
    .sort()
    .map((k) => `${k} ${String(renders1[k]! - (renders0[k] ?? 0))}`);
  console.log(`run panel commits / draws during the run (${seconds.toFixed(1)} s): ${counted.join(', ') || 'none counted'}`);
  const describe = (t: TraceEvent): void => {
    const kids = [...childrenOf(mainEvents, t)].sort((a, b) => b[1].wall - a[1].wall).slice(0, 4);
    const fns = top(selfTimes(profile, [[t.ts, t.ts + (t.dur ?? 0)]]), 4).map((s) => s.trim().replace(/\s+/g, ' '));
    console.log(`  ${((t.dur ?? 0) / 1000).toFixed(0).padStart(5)} ms wall / ${((t.tdur ?? 0) / 1000).toFixed(0).padStart(4)} ms CPU: ${kids.map(([k, v]) => `${k} ${v.wall.toFixed(0)}/${v.cpu.toFixed(0)}`).join('; ')}`);
    if (fns.length) console.log(`        js: ${fns.join(' | ')}`);
  };
  console.log(`long tasks in the trace (wall / thread CPU, what ran in them):`);
  traceLong.forEach(describe);
  console.log(`the ${String(TOP_TASKS)} tasks with the most CPU time (what a busier machine stretches first):`);
  [...tasks].sort((a, b) => cpuOf(b) - cpuOf(a)).slice(0, TOP_TASKS).forEach(describe);
  const totals = new Map<string, { wall: number; cpu: number }>();
  for (const t of tasks) for (const [k, v] of childrenOf(mainEvents, t)) {
    const prev = totals.get(k.replace(/\(.*\)$/, '')) ?? { wall: 0, cpu: 0 };
    totals.set(k.replace(/\(.*\)$/, ''), { wall: prev.wall + v.wall, cpu: prev.cpu + v.cpu });
  }
  console.log(`main-thread work by kind over the run (wall / CPU ms):`);
  for (const [k, v] of [...totals].sort((a, b) => b[1].wall - a[1].wall).slice(0, 12)) console.log(`  ${v.wall.toFixed(0).padStart(7)} / ${v.cpu.toFixed(0).padStart(6)}  ${k}`);
  // Tasks by what started them (their largest top-level event), and the functions inside each kind.
  const byKind = new Map<string, { cpu: number; count: number; windows: [number, number][] }>();
  for (const t of tasks) {
    const kind = [...childrenOf(mainEvents, t)].sort((a, b) => b[1].wall - a[1].wall)[0]?.[0].replace(/\(.*\)$/, '') ?? '(empty)';
    const entry = byKind.get(kind) ?? { cpu: 0, count: 0, windows: [] };
    entry.cpu += cpuOf(t);
    entry.count++;
    entry.windows.push([t.ts, t.ts + (t.dur ?? 0)]);
    byKind.set(kind, entry);
  }
  console.log(`tasks by kind (count, CPU ms, CPU per task) and the functions in them:`);
  for (const [kind, v] of [...byKind].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, 5)) {
    console.log(`  ${kind}: ${String(v.count)} tasks, ${v.cpu.toFixed(0)} ms CPU, ${(v.cpu / v.count).toFixed(1)} ms each`);
    const fns = top(selfTimes(profile, v.windows), 8).map((l) => l.trim().replace(/\s+/g, ' '));
    console.log(`      ${fns.join(' | ')}`);
  }
  // Sampled on wall time: a descheduled thread's samples count too, so these are inflated on
  // a busy machine (compare the CPU columns above).
  console.log(`hottest functions over the run (self time, V8 sampling profiler, samples capped at 1 ms each):`);
  for (const line of top(selfTimes(profile, [[from, to]]), TOP)) console.log(`  ${line}`);
  if (errors.length) console.log(`page errors: ${errors.join(' | ').slice(0, 400)}`);
  await cdp.detach();
  await context.close();
}

async function main(): Promise<void> {
  let url: string;
  let close: () => Promise<void>;
  let outDir: string | undefined;
  if (PROD) {
    outDir = mkdtempSync(join(tmpdir(), 'nw-runbench-'));
    const config = { root: ROOT, configFile: `${ROOT}/vite.config.ts`, logLevel: 'error' as const };
    await build({ ...config, build: { outDir, emptyOutDir: true, minify: false } });
    const server = await preview({ ...config, build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
    url = server.resolvedUrls?.local[0] ?? '';
    close = () => new Promise<void>((ok) => server.httpServer.close(() => { ok(); }));
  } else {
    const { server, url: devUrl } = await startEditorServer();
    url = devUrl;
    close = () => server.close();
  }
  const browser = await launchChromium();
  try {
    await warmUp(browser, url);
    for (let i = 0; i < ROUNDS; i++) await round(browser, url, i);
  } finally {
    await browser.close();
    await close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
