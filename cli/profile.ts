/**
 * `netwright profile FILE`: where a training step's time goes, per node (forward, backward, the
 * optimiser's update) and per kernel type, on wasm (or cpu). The measuring is
 * runtime/exec/profile.ts; this file parses the flags and prints (profileTable.ts, or one JSON
 * object with `--json`).
 */
import { selectBackend } from '../runtime/exec/backends.ts';
import { indexLowerings } from '../runtime/exec/lowerings.ts';
import { DEFAULT_PROFILE_STEPS, profilePlan } from '../runtime/exec/profile.ts';
import { parseArgs, UsageError } from './args.ts';
import { compileCommandGraph } from './commandGraph.ts';
import { errorLine, formatDiagnostic, type CliIO } from './io.ts';
import { profileText } from './profileTable.ts';
import { RUN_FLAGS } from './runFlags.ts';
import { checkRunFlags, costProblems } from './runBounds.ts';

/** Usage text of the profile command. */
export const PROFILE_USAGE =
  'netwright profile FILE [--backend wasm|cpu] [--steps N] [--seed S] [--batch-size B] [--plugin MODULE]... [--json]\n' +
  `  --steps N     profiled steps after the warm-up (default ${DEFAULT_PROFILE_STEPS}); times are their medians\n` +
  '  --json        one JSON object: every node, the step, the kernel types\n' +
  '  --plugin MODULE  load a third-party plugin module (exports specs and lowerings); repeatable';

const FLAGS = RUN_FLAGS;

function atLeastOne(v: number | undefined, name: string): number | undefined {
  if (v !== undefined && v < 1) throw new UsageError(`--${name} must be an integer >= 1`);
  return v;
}

/** Runs the profile command; returns the exit code. */
export async function runProfile(argv: readonly string[], io: CliIO): Promise<number> {
  const { flags, positional } = parseArgs(argv, FLAGS);
  if (positional.length !== 1) throw new UsageError('profile needs exactly one FILE');
  const file = positional[0]!;
  const steps = atLeastOne(flags.steps, 'steps');
  const batchSize = atLeastOne(flags['batch-size'], 'batch-size');
  const graph = await compileCommandGraph(file, flags.plugin ?? [], io, { warnings: true });
  if (!graph) return 1;
  const { plugins, compiled } = graph;
  // The same bounds and cost budget as train, before anything is allocated (runBounds.ts).
  checkRunFlags(flags, compiled.plan, plugins.registry);
  const cost = costProblems(compiled.doc, plugins.registry, batchSize);
  if (cost.length > 0) {
    for (const d of cost) io.out(`${formatDiagnostic(file, d)}\n`);
    return 1;
  }
  try {
    const backend = await selectBackend(flags.backend ?? 'wasm');
    io.err(`backend: ${backend.name} (${backend.reason})\nprofiling ${file}…\n`);
    const profile = await profilePlan(compiled.plan, indexLowerings(plugins.lowerings), {
      ...(steps === undefined ? {} : { steps }),
      ...(flags.seed === undefined ? {} : { seed: flags.seed }),
      ...(batchSize === undefined ? {} : { batchSize }),
    });
    io.out(flags.json === true ? `${JSON.stringify({ file, ...profile })}\n` : profileText(file, profile));
    return 0;
  } catch (e) {
    io.out(`${flags.json === true ? JSON.stringify({ error: errorLine(file, e) }) : errorLine(file, e)}\n`);
    return 1;
  }
}
