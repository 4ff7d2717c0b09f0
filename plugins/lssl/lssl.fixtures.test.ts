/**
 * Every shared LSSL fixture and every fixture of this plugin, through the project's fixture
 * runner, on the wasm and cpu backends, for every form (recurrence, direct and FFT convolution; the fixtures never set
 * the implementation-only params: every choice must pass).
 */
import { describeFixturesInEveryForm } from '../fixtureForms.testkit.ts';
import { lsslLowering } from './lower.ts';
import { lsslSpec } from './spec.ts';

describeFixturesInEveryForm({ spec: lsslSpec, lowering: lsslLowering }, import.meta.dirname, { sharedName: 'lssl/lssl_B2_L16_H4_N8_S2_M1_legs', atLeast: 7 });
