/**
 * Every hostile file of issue 18 through `netwright validate` (and `format` where it writes),
 * each in its own process: wall time and peak memory (max RSS, through /usr/bin/time where the
 * machine has it), the first line of the answer, and the worst case at the end. Target: each
 * answered in < 5 s with < 500 MB. `npx tsx bench/hostileFiles.bench.ts` (builds nothing: run
 * `npm run build:cli` first so the launcher runs the built CLI, not tsx).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'netwright-hostile-bench-'));
const example = JSON.parse(readFileSync(join(ROOT, 'graphs/two-spirals-mlp.graph.json'), 'utf8')) as {
  nodes: Record<string, { type: string; params: Record<string, unknown>; position: unknown; data?: unknown }>;
};
const lssl = readFileSync(join(ROOT, 'graphs/lssl-long-memory.graph.json'), 'utf8');
const head = '{"format":"netwright.graph","version":1';
const node = (type: string): string => `{"type":"${type}","position":{"x":0,"y":0}}`;

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function withUnits(units: number): string {
  const g = structuredClone(example);
  g.nodes.h1!.params.units = units;
  g.nodes.h2!.params.units = units;
  return JSON.stringify(g);
}

function compactBig(): string {
  const g = structuredClone(example);
  let nested: unknown = Array<string>(250_000).fill('abc');
  for (let i = 0; i < 40; i++) nested = [nested];
  g.nodes.h1!.data = { notes: nested };
  return JSON.stringify(g);
}

const cases: [string, string[]][] = [
  ['meta of 3M {} (9 MB)', ['validate', file('meta3m.json', `${head},"nodes":{},"meta":{"x":[${'{},'.repeat(3_000_000)}{}]}}`)]],
  ['meta of 6.3M {} (19 MB)', ['validate', file('meta6m.json', `${head},"nodes":{},"meta":{"x":[${'{},'.repeat(6_300_000)}{}]}}`)]],
  ['node data of 5M zeros (10 MB)', ['validate', file('zeros.json', `${head},"nodes":{"s":{"type":"dense","position":{"x":0,"y":0},"data":{"z":[${'0,'.repeat(5_000_000)}0]}}}}`)]],
  ['100,000 nested arrays', ['validate', file('deep.json', `${head},"nodes":{},"meta":{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`)]],
  ['a node id twice', ['validate', file('twice.json', `${head},"nodes":{"h1":${node('dense')},"h1":${node('dense')}}}`)]],
  ['20,001 nodes', ['validate', file('nodes20001.json', `${head},"nodes":{${Array.from({ length: 20_001 }, (_, i) => `"n${i}":${node('dense')}`).join(',')}}}`)]],
  ['20,000 unconnected nodes', ['validate', file('unconnected.json', `${head},"nodes":{${Array.from({ length: 20_000 }, (_, i) => `"n${i}":${node('dense')}`).join(',')}}}`)]],
  ['1,000,000 nodes (50 MB)', ['validate', file('million.json', `${head},"nodes":{${Array.from({ length: 1_000_000 }, (_, i) => `"n${i}":${node('dense')}`).join(',')}}}`)]],
  ['byte-order mark', ['validate', file('bom.json', `\ufeff${head},"nodes":{}}`)]],
  ['UTF-16', ['validate', file('utf16.json', Buffer.from(`\ufeff${head},"nodes":{}}`, 'utf16le'))]],
  ['invalid UTF-8', ['validate', file('badutf8.json', Buffer.concat([Buffer.from(`${head},"meta":{"t":"`), Buffer.from([0xc3, 0x28]), Buffer.from('"},"nodes":{}}')]))]],
  ['/dev/zero', ['validate', '/dev/zero']],
  ['dense units 65,536 (16 GB of weights)', ['validate', file('dense.json', withUnits(65_536))]],
  ['LSSL stateSize 1,000', ['validate', file('lssl.json', lssl.replace('"stateSize": 32', '"stateSize": 1000'))]],
  ['format: compact file, canonical form over 20 MB', ['format', file('compact.json', compactBig())]],
  ['train --batch-size 99999999', ['train', join(ROOT, 'graphs/two-spirals-mlp.graph.json'), '--batch-size', '99999999']],
];

const timer = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const rows: { name: string; seconds: number; mb: number | undefined; answer: string }[] = [];
for (const [name, args] of cases) {
  const command = [join(ROOT, 'bin/netwright.js'), ...args];
  const started = performance.now();
  const r = timer
    ? spawnSync(timer, ['-f', 'maxrss=%M', process.execPath, ...command], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(process.execPath, command, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  const kb = /maxrss=(\d+)/.exec(r.stderr)?.[1];
  const answer = `${r.stdout}${r.stderr}`.split('\n').find((l) => l.trim() !== '' && !l.startsWith('maxrss=') && !l.startsWith('usage')) ?? '';
  rows.push({ name, seconds, mb: kb === undefined ? undefined : Number(kb) / 1024, answer: answer.replace(dir, '…').slice(0, 150) });
  console.log(`${name.padEnd(48)} ${seconds.toFixed(2).padStart(6)} s ${kb === undefined ? '     ?' : (Number(kb) / 1024).toFixed(0).padStart(6)} MB  exit ${r.status ?? r.signal}  ${rows.at(-1)!.answer}`);
}
rmSync(dir, { recursive: true, force: true });

// The editor's share-link path in this process (what the share worker runs): inflate + budgets.
const { encodeSharePayload } = await import('../editor/model/shareLink.ts');
const { decodeAndCheck } = await import('../editor/model/shareDecode.ts');
const payload = encodeSharePayload(`${head},"nodes":{},"meta":{"x":[${'{},'.repeat(2_600_000)}{}]}}`);
const shareStarted = performance.now();
const decoded = decodeAndCheck(payload);
const shareSeconds = (performance.now() - shareStarted) / 1000;
const shareMb = process.memoryUsage().rss / 1024 ** 2;
const shareName = `share link of ${payload.length.toLocaleString('en-US')} characters`;
rows.push({ name: shareName, seconds: shareSeconds, mb: undefined, answer: decoded.ok ? 'accepted' : decoded.message });
console.log(`${shareName.padEnd(48)} ${shareSeconds.toFixed(2).padStart(6)} s ${shareMb.toFixed(0).padStart(6)} MB  (in process, RSS of this bench after it: decode + budgets)  ${rows.at(-1)!.answer.slice(0, 120)}`);
const slowest = rows.reduce((a, b) => (b.seconds > a.seconds ? b : a));
const hungriest = rows.reduce((a, b) => ((b.mb ?? 0) > (a.mb ?? 0) ? b : a));
console.log(`\nworst time: ${slowest.seconds.toFixed(2)} s (${slowest.name}); worst memory: ${hungriest.mb?.toFixed(0) ?? '?'} MB (${hungriest.name}); target < 5 s and < 500 MB each`);
