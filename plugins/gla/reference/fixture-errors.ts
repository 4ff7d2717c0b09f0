/** Prints the GLA fixture error table: `npx tsx plugins/gla/reference/fixture-errors.ts`. */
import { glaLowering } from '../lower.ts';
import { glaSpec } from '../spec.ts';
import { measureFixtures } from './measureFixtures.ts';

await measureFixtures(
  { spec: glaSpec, lowering: glaLowering },
  [new URL('../../../test/fixtures/reference/gla/', import.meta.url), new URL('../fixtures/', import.meta.url)],
  [{ mode: 'recurrent' }, { mode: 'parallel' }, { mode: 'chunk' }, { mode: 'chunk', chunkSize: 16, subChunkSize: 4 }],
);
