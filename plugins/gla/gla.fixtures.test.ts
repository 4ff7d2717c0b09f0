/**
 * Every shared GLA fixture and every fixture of this plugin, through the project's fixture
 * runner, on the wasm and cpu backends, for every form of the core (the fixtures never set
 * the implementation-only params: every choice must pass).
 */
import { describeFixturesInEveryForm } from '../fixtureForms.testkit.ts';
import { glaLowering } from './lower.ts';
import { glaSpec } from './spec.ts';

describeFixturesInEveryForm({ spec: glaSpec, lowering: glaLowering }, import.meta.dirname, { sharedName: 'gla/gla_B2_L16_d8_H2', atLeast: 6 });
