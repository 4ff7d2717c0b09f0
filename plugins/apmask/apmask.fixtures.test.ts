import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeFixturesOnNodeBackends, loadFixtures, sharedFixtures } from '../paper.testkit.ts';

const shared = sharedFixtures('apmask');

it('has the shared dnr and pruneCycle fixtures', () => {
  expect(shared.map((f) => f.fixture.call).sort()).toEqual(['dnr', 'pruneCycle']);
});

describeFixturesOnNodeBackends('apmask', [...shared, ...loadFixtures(join(import.meta.dirname, 'fixtures'))]);
