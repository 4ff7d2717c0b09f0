import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeFixturesOnNodeBackends, loadFixtures, sharedFixtures } from '../paper.testkit.ts';

const shared = sharedFixtures('powernorm');

it('has the shared train and eval fixtures', () => {
  expect(shared.length).toBeGreaterThanOrEqual(2);
});

describeFixturesOnNodeBackends('powernorm', [...shared, ...loadFixtures(join(import.meta.dirname, 'fixtures'))]);
