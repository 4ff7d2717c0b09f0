import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeFixturesOnNodeBackends, loadFixtures, sharedFixtures } from '../paper.testkit.ts';

const shared = sharedFixtures('lrrefiner');

it('has the shared fixture', () => {
  expect(shared.length).toBeGreaterThanOrEqual(1);
});

describeFixturesOnNodeBackends('lrrefiner', [...shared, ...loadFixtures(join(import.meta.dirname, 'fixtures'))]);
