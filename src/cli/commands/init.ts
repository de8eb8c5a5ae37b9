import fs from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors/errors.js';
import { siglipArchitectures, writeSiglipCheckpoint } from '../../families/siglip/writeSiglipCheckpoint.js';
import { clipArchitectures, clipPreprocessorFor, writeClipCheckpoint } from '../../families/clip/writeClipCheckpoint.js';
import { randomClipWeights } from '../../families/clip/clipWeights.js';
import type { ArgsOf } from '../argsOf.js';

const architectureNames = [...Object.keys(clipArchitectures), ...Object.keys(siglipArchitectures)];

function builder(y: Argv) {
  return y
    .option('config', {
      type: 'string',
      demandOption: true,
      choices: architectureNames,
      describe: 'Architecture to build: OpenAI CLIP ViTs, or SigLIP / SigLIP 2 base at 224 px (with small stand-in tokenizers)',
    })
    .option('out', { type: 'string', demandOption: true, describe: 'Directory to write (must be empty or absent)' })
    .option('seed', { type: 'number', default: 0, describe: 'Seed of the random weights' })
    .option('force', { type: 'boolean', default: false, describe: 'Overwrite the files in a non-empty --out' })
    .example('$0 init --config vit-b-32 --out models/random-vit-b-32', 'A ViT-B/32-shaped checkpoint for benchmarks and export')
    .example('$0 init --config siglip-b-16 --out models/random-siglip-b-16', 'A google/siglip-base-patch16-224-shaped checkpoint');
}

/** `stroop init`: a random-weight checkpoint of a known architecture, in Hugging Face layout. */
export const initCommand: CommandModule<object, ArgsOf<typeof builder>> = {
  command: 'init',
  describe: 'Write a CLIP or SigLIP checkpoint with random weights (for benchmarks and exporter checks without real weights)',
  builder,
  handler: async (argv) => {
    const clip = Object.hasOwn(clipArchitectures, argv.config) ? clipArchitectures[argv.config] : undefined;
    const siglip = Object.hasOwn(siglipArchitectures, argv.config) ? siglipArchitectures[argv.config] : undefined;
    if (clip === undefined && siglip === undefined) throw new UsageError(`Unknown --config '${argv.config}'. Valid: ${architectureNames.join(', ')}.`, '--config');
    if (!Number.isInteger(argv.seed)) throw new UsageError(`--seed must be a whole number, got ${argv.seed}.`, '--seed');
    if (fs.existsSync(argv.out) && fs.readdirSync(argv.out).length > 0 && !argv.force) {
      throw new UsageError(`--out ${argv.out} is not empty; choose another directory or pass --force.`, '--out');
    }
    const files =
      clip !== undefined
        ? await writeClipCheckpoint(argv.out, clip, clipPreprocessorFor(clip), randomClipWeights(clip, argv.seed))
        : await writeSiglipCheckpoint(argv.out, siglip!, argv.seed);
    const family = clip !== undefined ? 'CLIP' : 'SigLIP';
    process.stdout.write(`Wrote a random-weight ${argv.config} ${family} (seed ${argv.seed}) to ${argv.out}: ${files.join(', ')}\n`);
  },
};
