/** Prints the LSSL fixture error table: `npx tsx plugins/lssl/reference/fixture-errors.ts`. */
import { measureFixtures } from '../../gla/reference/measureFixtures.ts';
import { lsslLowering } from '../lower.ts';
import { lsslSpec } from '../spec.ts';

await measureFixtures(
  { spec: lsslSpec, lowering: lsslLowering },
  [new URL('../../../test/fixtures/reference/lssl/', import.meta.url), new URL('../fixtures/', import.meta.url)],
  [{ mode: 'recurrent' }, { mode: 'conv', convImpl: 'direct' }, { mode: 'conv', convImpl: 'fft' }],
);
