import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeFixturesOnNodeBackends, loadFixtures, sharedFixtures } from '../paper.testkit.ts';

const shared = sharedFixtures('biper-dense', 'biper-conv2d');

it('has the shared dense and conv fixtures', () => {
  expect(shared.length).toBeGreaterThanOrEqual(2);
});

describeFixturesOnNodeBackends('biper', [...shared, ...loadFixtures(join(import.meta.dirname, 'fixtures'))]);
