import { z } from 'zod';
import { protocolNames } from '../zeroshot/protocols.js';
import { searchEntrySchema } from './schema/searchEntrySchema.js';
import { attackEntrySchema, datasetEntrySchema, fraction, modelEntrySchema, oneOf, promptsSchema, wholeNumberIn } from './schema/suiteEntrySchemas.js';

const gates = {
  maxDrop: fraction().optional().describe('Largest allowed absolute top-1 accuracy drop (clean minus attacked), in [0, 1].'),
  maxAsr: fraction().optional().describe('Largest allowed targeted attack success rate (targetedAsr: the written word became the prediction, over rows whose clean prediction was not that word), in [0, 1].'),
  minAttackedAcc: fraction().optional().describe('Smallest allowed top-1 accuracy under attack, in [0, 1].'),
};

/** CI gates for one attack. */
export const attackGatesSchema = z.strictObject(gates).describe('Gates for one attack; each overrides the suite-wide gate of the same name.');

/** CI gates: a run breaching any of them exits with code 1. */
export const thresholdsSchema = z
  .strictObject({
    ...gates,
    perAttack: z
      .record(z.string(), attackGatesSchema, { error: 'must be a mapping from attack ids to gates' })
      .optional()
      .describe('Overrides by attack id.'),
  })
  .describe('CI gates, applied to every attack unless perAttack overrides them.');

export type ThresholdsEntry = z.output<typeof thresholdsSchema>;

/** Suite names: they name the default output folder `reports/<name>`. */
export const suiteNamePattern = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * A suite file as written (YAML, camelCase keys): what to audit, on what, against
 * which attacks, and the CI gates. Shape and ranges only; {@link loadSuite} also
 * resolves paths and checks that presets, files and ids resolve. Unknown keys are
 * errors.
 */
export const suiteSchema = z
  .strictObject({
    name: z
      .string({ error: 'must be a string' })
      .max(100, { error: 'must be at most 100 characters' })
      .regex(suiteNamePattern, { error: 'must be lower-case letters, digits, ".", "_" or "-", starting with a letter or digit' })
      .describe('Names the suite; the default output folder is reports/<name>.'),
    description: z.string({ error: 'must be a string' }).optional().describe('What the suite audits, for people reading its reports.'),
    models: z.array(modelEntrySchema, { error: 'must be a list of models' }).min(1, { error: 'must list at least one model' }).describe('The models to audit.'),
    datasets: z.array(datasetEntrySchema, { error: 'must be a list of datasets' }).min(1, { error: 'must list at least one dataset' }).describe('The image sets.'),
    protocol: oneOf(protocolNames)
      .default('zero-shot')
      .describe(
        "How embeddings become a verdict: zero-shot (the suite's classes and templates), all-labels (Defense-Prefix: one template over every label and attack word), " +
          'scam-binary (SCAM: object label vs attack word per image, 32 templates). A protocol other than zero-shot fixes the classes and templates.',
      ),
    prompts: promptsSchema.default({ templates: 'single' }),
    attacks: z.array(attackEntrySchema, { error: 'must be a list of attacks' }).default([]).describe('The attacks; clean accuracy is always measured.'),
    batch: wholeNumberIn(1, 4096).default(32).describe('Images per engine call.'),
    topK: wholeNumberIn(1, 1000).default(5).describe('Predictions kept per image (top-5 accuracy needs >= 5).'),
    maxSamples: wholeNumberIn(1, Number.MAX_SAFE_INTEGER).optional().describe('Use at most this many samples of each dataset (the first ones).'),
    thresholds: thresholdsSchema.optional(),
    search: searchEntrySchema.optional(),
  })
  .describe('A stroop audit suite: models x datasets x attacks, with CI gates.');

/** A suite as written, with defaults filled in. */
export type SuiteEntry = z.output<typeof suiteSchema>;
