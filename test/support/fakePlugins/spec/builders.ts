/**
 * The fields fake plugin specs share, as builders to spread into a spec literal (then override
 * what differs). Not specs themselves: index.ts lists only what data.ts, layers.ts and training.ts
 * export.
 */
import type { Category, NodeRole, PluginSpec, PortSpec } from '../../../../runtime/sdk/index.ts';

/** The fields that say what a spec is (not what it does). */
export type SpecHead = Pick<PluginSpec, 'id' | 'version' | 'title' | 'category' | 'role' | 'doc'>;

/** A {@link SpecHead} plus ports. */
export type SpecFields = SpecHead & Pick<PluginSpec, 'inputs' | 'outputs'>;

/** The roles whose fakes sit in the palette category of the same name (`layer` in `layers`). */
export type FakeRole = Extract<NodeRole, Category> | 'layer';

/** The head of a fake of `role`: version 1.0.0, in the palette category of its role. */
export function fakeHead(role: FakeRole, id: string, title: string, doc: string): SpecHead {
  return { id, version: '1.0.0', title, category: role === 'layer' ? 'layers' : role, role, doc };
}

/**
 * A fake layer's head and ports: a tensor `x` in and a tensor `y` out, both of `rank` when
 * given, else of any rank.
 */
export function fakeLayer(id: string, title: string, doc: string, rank?: number): SpecFields {
  const tensor = (): PortSpec => (rank === undefined ? { kind: 'tensor' } : { kind: 'tensor', rank });
  return { ...fakeHead('layer', id, title, doc), inputs: { x: tensor() }, outputs: { y: tensor() } };
}
