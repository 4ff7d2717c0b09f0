/**
 * The fields fake plugin specs share, as builders to spread into a spec literal (then override
 * what differs). Not specs themselves: index.ts lists only what data.ts, layers.ts and
 * training.ts export. Ids stay written as `id` fields with a string literal:
 * test/e2e/productionBundle.test.ts finds the fakes' ids in these files by that text.
 */
import type { Category, NodeRole, PluginSpec, PortSpec } from '../../../../runtime/sdk/index.ts';

/** The fields that say what a spec is (not what it does). */
export type SpecHead = Pick<PluginSpec, 'id' | 'version' | 'title' | 'category' | 'role' | 'doc'>;

/** A {@link SpecHead} plus ports. */
export type SpecFields = SpecHead & Pick<PluginSpec, 'inputs' | 'outputs'>;

/** The roles whose fakes sit in the palette category of the same name (`layer` in `layers`). */
export type FakeRole = Extract<NodeRole, Category> | 'layer';

/** What a fake's head names: its role, id, title and doc. */
export interface FakeHead {
  readonly role: FakeRole;
  readonly id: string;
  readonly title: string;
  readonly doc: string;
}

/** The head of a fake: version 1.0.0, in the palette category of its role. */
export function fakeHead({ role, id, title, doc }: FakeHead): SpecHead {
  return { id, version: '1.0.0', title, category: role === 'layer' ? 'layers' : role, role, doc };
}

/**
 * A fake layer's head and ports: a tensor `x` in and a tensor `y` out, both of `rank` when
 * given, else of any rank.
 */
export function fakeLayer({ rank, ...head }: Omit<FakeHead, 'role'> & { readonly rank?: number }): SpecFields {
  const tensor = (): PortSpec => (rank === undefined ? { kind: 'tensor' } : { kind: 'tensor', rank });
  return { ...fakeHead({ role: 'layer', ...head }), inputs: { x: tensor() }, outputs: { y: tensor() } };
}
