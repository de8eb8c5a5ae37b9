import { z } from 'zod';
import { fraction } from './schemaParts.js';

const gates = {
  maxDrop: fraction().optional().describe('Largest allowed absolute top-1 accuracy drop (clean minus attacked), in [0, 1].'),
  maxAsr: fraction().optional().describe('Largest allowed targeted attack success rate (prediction = the written word), in [0, 1].'),
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
