import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DESCRIPTION_MAX, firstSentence, summarizeExample } from '../../editor/chrome/exampleSummary.ts';
import { TEMPLATES } from '../../editor/chrome/templates.ts';

const dir = new URL('../../graphs/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.graph.json'));

describe('examples gallery summaries (issue 17, problem 6: bare file names)', () => {
  it.each(files)('%s has a title, a one-line description and a drawable graph', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const name = file.replace(/\.graph\.json$/, '');
    const s = summarizeExample(name, text);
    const nodes = Object.keys((JSON.parse(text) as { nodes: Record<string, unknown> }).nodes);
    expect(s.title).not.toBe(name);
    expect(s.description.length).toBeGreaterThan(10);
    expect(s.description.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
    expect(s.description).not.toMatch(/\n/);
    expect(s.boxes).toHaveLength(nodes.length);
    expect(s.links.length).toBeGreaterThan(0);
  });

  it('offers the MLP, GLA and LSSL templates on New from bundled examples', () => {
    const bundled = new Set(files.map((f) => f.replace(/\.graph\.json$/, '')));
    const offered = TEMPLATES.filter((t) => bundled.has(t.example)).map((t) => t.example);
    expect(offered).toEqual(expect.arrayContaining(['two-spirals-mlp', 'gla-associative-recall', 'lssl-long-memory']));
  });

  it('shows the name alone for a file that does not parse, and cuts long sentences', () => {
    expect(summarizeExample('broken', '{ "meta": ')).toEqual({ name: 'broken', title: 'broken', description: '', boxes: [], links: [] });
    expect(firstSentence('First one. Second one.')).toBe('First one.');
    expect(firstSentence('x'.repeat(300), 20)).toBe(`${'x'.repeat(19)}…`);
  });
});
