/**
 * Writes stroop-tiny's training batches as the stream `stroop-batches/1` (docs/training.md) for
 * the PyTorch trainer: stroop composes every image (artwork, augmentation, the written words)
 * and caption exactly as `stroop train` does; PyTorch only trains. Batches are a function of
 * (recipe, step), so a resumed trainer asks for the rest with --first-step.
 *
 *   node dist/scripts/emitTrainingBatches.js [--variant reading|control] [--steps N]
 *     [--first-step K] [--pool emoji|artwork] [--generation v1|v2|v3|v4|v5|v6|v7] [--recipe-steps N] [--out FILE]
 *
 * --steps: records to write, steps K .. K+N-1; default the rest of the recipe (its steps less K).
 * --pool emoji: the emoji dataset's training styles (as `stroop train`); artwork: every image of
 * the artwork dataset. Either is built into stroop's cache when missing.
 * --generation: the recipe, v1 (stroop-tiny v1), v2 (issue #21's varied scenes and word styles)
 * v3 (v2 on 8 px patches, trained on from the v2 weights: the trainer needs --init), v4 (v3 with
 * the literature words drawn by the shipped presets, trained on from the v3 weights), v5 (v4 with
 * most words drawn as defense-prefix draws them, from the v4 weights), v6 (v5 with fewer words,
 * from the v5 weights) or v7 (v6 trained on for long, most words defense-prefix's, from the v6
 * weights); --recipe-steps: the schedule's length (default the recipe's: 900 for v1, 3000 for v2,
 * 1500 for v3, 900 for v4, 1800 for v5, 1200 for v6, 4000 for v7).
 * --out: a file to write; default stdout. Stops quietly when the reader closes the pipe.
 * A summary line (records, seconds, records/s) goes to stderr.
 *
 *   node dist/scripts/emitTrainingBatches.js | /usr/bin/python3 scripts/train_tiny_torch.py
 */
import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { ExitCode, exitCodeFor } from '../src/cli/exitCodes.js';
import { UsageError } from '../src/errors/errors.js';
import { ClipTokenizer } from '../src/families/clip/tokenizer/ClipTokenizer.js';
import { clipPreprocessorFor } from '../src/families/clip/writeClipCheckpoint.js';
import { reducedClipTokenizer } from '../src/train/reducedClipTokenizer.js';
import { writeBatchStream } from '../src/train/trainingBatchStream.js';
import { loadTrainingPool, trainingPoolKinds, type TrainingPoolKind } from '../src/train/trainingPool.js';
import { stroopTinyRecipeOf } from '../src/train/stroopTinyGenerations.js';
import { stroopTinyGenerations, stroopTinyVariants, type StroopTinyGeneration, type StroopTinyVariant } from '../src/train/trainingRecipe.js';

const usage = `Usage: node dist/scripts/emitTrainingBatches.js [--variant ${stroopTinyVariants.join('|')}] [--generation ${stroopTinyGenerations.join('|')}]
  [--steps N] [--first-step K] [--recipe-steps N] [--pool ${trainingPoolKinds.join('|')}] [--out FILE]
Writes stroop-tiny's training batches (stroop-batches/1, docs/training.md) to FILE or stdout for scripts/train_tiny_torch.py.`;

/** Errors exit as the CLI's do (src/cli/exitCodes.ts): bad options and input with their message and the usage, not a stack trace. */
process.on('uncaughtException', (error) => {
  const code = (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') === true ? ExitCode.usage : exitCodeFor(error);
  process.stderr.write(code === ExitCode.usage ? `emitTrainingBatches: ${error.message}\n${usage}\n` : `${error.stack ?? String(error)}\n`);
  process.exit(code);
});

const { values } = parseArgs({
  options: {
    help: { type: 'boolean', default: false },
    variant: { type: 'string', default: 'reading' },
    steps: { type: 'string' },
    'first-step': { type: 'string', default: '0' },
    pool: { type: 'string', default: 'emoji' },
    generation: { type: 'string', default: 'v1' },
    'recipe-steps': { type: 'string' },
    out: { type: 'string' },
  },
});

if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got '${String(value)}'.`, `--${name}`);
  return value as T;
}
function whole(name: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number >= ${min}, got '${String(value)}'.`, `--${name}`);
  return n;
}

const variant = oneOf<StroopTinyVariant>('variant', values.variant, stroopTinyVariants);
const generation = oneOf<StroopTinyGeneration>('generation', values.generation, stroopTinyGenerations);
const recipe = stroopTinyRecipeOf(generation, variant, values['recipe-steps'] === undefined ? undefined : whole('recipe-steps', values['recipe-steps'], 1));
const poolKind = oneOf<TrainingPoolKind>('pool', values.pool, trainingPoolKinds);
const firstStep = whole('first-step', values['first-step'], 0);
const steps = values.steps === undefined ? recipe.steps - firstStep : whole('steps', values.steps, 1);
if (steps < 1) throw new UsageError(`--first-step ${firstStep} is past the recipe's ${recipe.steps} steps; give --steps to stream beyond it.`, '--first-step');

const config = recipe.architecture;
const tokenizerFiles = await reducedClipTokenizer(recipe.tokenizerMerges, config.text.maxPositionEmbeddings);
if (tokenizerFiles.vocabSize !== config.text.vocabSize) throw new Error(`The recipe's vocabulary (${config.text.vocabSize}) does not match ${recipe.tokenizerMerges} merges (${tokenizerFiles.vocabSize}).`);
const tokenizer = ClipTokenizer.fromFiles({ vocabJson: tokenizerFiles.files['vocab.json'] ?? '', mergesTxt: tokenizerFiles.files['merges.txt'] ?? '' });
const preprocessor = clipPreprocessorFor(config);
const pool = await loadTrainingPool(poolKind, recipe.datasetImageSize);

const output = values.out === undefined ? process.stdout : fs.createWriteStream(values.out);
const started = performance.now();
const result = await writeBatchStream(output, { recipe, pool, tokenizer, preprocessor, poolName: poolKind }, { firstStep, steps });
if (output === process.stdout) {
  // The reader may close after the last record; its EPIPE then is no failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
} else {
  output.end();
  await finished(output);
}
const seconds = (performance.now() - started) / 1000;
process.stderr.write(
  `${recipe.name} on the ${poolKind} pool: ${result.records} records (steps ${firstStep}..${firstStep + result.records - 1}) in ${seconds.toFixed(1)} s, ` +
    `${(result.records / seconds).toFixed(2)} records/s${result.readerClosed ? '; the reader closed the stream' : ''}\n`,
);
