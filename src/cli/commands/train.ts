import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors/errors.js';
import { packageRoot } from '../../packageRoot.js';
import { stroopTinyRecipe, stroopTinyVariants, type StroopTinyVariant } from '../../train/trainingRecipe.js';
import { trainClip } from '../../train/trainClip.js';
import type { ArgsOf } from '../argsOf.js';

function builder(y: Argv) {
  return y
    .option('variant', { type: 'string', choices: stroopTinyVariants, default: 'reading', describe: 'reading: words written on some training images; control: never' })
    .option('out', { type: 'string', describe: 'Directory to write the model to [default: models/stroop-tiny or models/stroop-tiny-control]' })
    .option('steps', { type: 'number', describe: "Optimiser steps [default: the recipe's]" })
    .option('seed', { type: 'number', describe: "Seed of weights, batches and augmentation [default: the recipe's]" })
    .option('eval-every', { type: 'number', describe: "Steps between held-out checks in the log, 0 = only at the end [default: the recipe's]" })
    .option('device', { type: 'string', choices: ['auto', 'cpu', 'gpu'] as const, default: 'auto', describe: 'tfjs device: gpu needs @tensorflow/tfjs-node-gpu; cpu uses tfjs-node when installed, else wasm' })
    .example('$0 train', 'Train stroop-tiny (the reading model) into models/stroop-tiny')
    .example('$0 train --variant control', 'Train the control model, which never sees written words');
}

/** `stroop train`: trains stroop-tiny (or its control) from scratch on the emoji dataset. */
export const trainCommand: CommandModule<object, ArgsOf<typeof builder>> = {
  command: 'train',
  describe: 'Train the bundled model organism stroop-tiny on the emoji dataset (contrastive, in tfjs)',
  builder,
  handler: async (argv) => {
    const variant = argv.variant as StroopTinyVariant;
    const base = stroopTinyRecipe(variant);
    const whole = (name: string, value: number | undefined, min: number): number | undefined => {
      if (value !== undefined && (!Number.isInteger(value) || value < min)) throw new UsageError(`--${name} must be a whole number >= ${min}, got ${value}.`, `--${name}`);
      return value;
    };
    const steps = whole('steps', argv.steps, 1) ?? base.steps;
    const seed = whole('seed', argv.seed, 0) ?? base.seed;
    const evalEvery = whole('eval-every', argv.evalEvery, 0) ?? base.evalEvery;
    const recipe = { ...base, steps, seed, evalEvery, warmupSteps: Math.min(base.warmupSteps, Math.max(1, Math.floor(steps / 10))) };
    const outDir = argv.out ?? path.join(packageRoot, 'models', recipe.name);
    const controller = new AbortController();
    const stop = () => {
      process.stderr.write('Stopping after this step; the model so far will be written.\n');
      controller.abort();
    };
    process.once('SIGINT', stop);
    try {
      const result = await trainClip(recipe, {
        outDir,
        device: argv.device as 'auto' | 'cpu' | 'gpu',
        log: (line) => process.stderr.write(`${line}\n`),
        signal: controller.signal,
      });
      const last = result.probes.at(-1);
      process.stdout.write(
        `Wrote ${recipe.name} (${(result.parameters / 1e6).toFixed(2)} M parameters, ${result.stepsDone} steps in ${Math.round(result.seconds / 60)} min) to ${outDir}` +
          (last === undefined ? '\n' : `: held-out clean ${(100 * last.cleanAccuracy).toFixed(1)}%, with a wrong word ${(100 * last.attackedAccuracy).toFixed(1)}%\n`),
      );
    } finally {
      process.off('SIGINT', stop);
    }
  },
};
