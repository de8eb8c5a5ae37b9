import fs from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors/UsageError.js';
import { clipArchitectures } from '../../model/clipArchitectures.js';
import { clipPreprocessorFor } from '../../model/clipPreprocessorFor.js';
import { randomClipWeights } from '../../model/randomClipWeights.js';
import { writeClipCheckpoint } from '../../model/writeClipCheckpoint.js';
import type { ArgsOf } from '../argsOf.js';

function builder(y: Argv) {
  return y
    .option('config', { type: 'string', demandOption: true, choices: Object.keys(clipArchitectures), describe: 'Architecture to build' })
    .option('out', { type: 'string', demandOption: true, describe: 'Directory to write (must be empty or absent)' })
    .option('seed', { type: 'number', default: 0, describe: 'Seed of the random weights' })
    .option('force', { type: 'boolean', default: false, describe: 'Overwrite the files in a non-empty --out' })
    .example('$0 init --config vit-b-32 --out models/random-vit-b-32', 'A ViT-B/32-shaped checkpoint for benchmarks and export');
}

/** `stroop init`: a random-weight checkpoint of a known architecture, in Hugging Face layout. */
export const initCommand: CommandModule<object, ArgsOf<typeof builder>> = {
  command: 'init',
  describe: 'Write a CLIP checkpoint with random weights (for benchmarks and exporter checks without real weights)',
  builder,
  handler: async (argv) => {
    const config = clipArchitectures[argv.config];
    if (config === undefined) throw new UsageError(`Unknown --config '${argv.config}'. Valid: ${Object.keys(clipArchitectures).join(', ')}.`, '--config');
    if (!Number.isInteger(argv.seed)) throw new UsageError(`--seed must be a whole number, got ${argv.seed}.`, '--seed');
    if (fs.existsSync(argv.out) && fs.readdirSync(argv.out).length > 0 && !argv.force) {
      throw new UsageError(`--out ${argv.out} is not empty; choose another directory or pass --force.`, '--out');
    }
    const files = await writeClipCheckpoint(argv.out, config, clipPreprocessorFor(config), randomClipWeights(config, argv.seed));
    process.stdout.write(`Wrote a random-weight ${argv.config} CLIP (seed ${argv.seed}) to ${argv.out}: ${files.join(', ')}\n`);
  },
};
