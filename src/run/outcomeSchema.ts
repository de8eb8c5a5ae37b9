import { z } from 'zod';

const scoredClass = z.object({ index: z.number().int().nonnegative(), label: z.string(), probability: z.number().min(0).max(1) });

const key = {
  sampleId: z.string(),
  model: z.string(),
  attackId: z.string(),
  variant: z.string(),
  trueLabel: z.string(),
  trueIndex: z.number().int(),
};

/** A result-log line, validated when read back (a log may be old, merged or hand-edited). */
export const outcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('scored'),
    ...key,
    attackText: z.string().nullable(),
    targetIndex: z.number().int().nullable(),
    specHash: z.string().nullable(),
    renderHash: z.string().nullable(),
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
    clean: z.array(scoredClass),
    attacked: z.array(scoredClass),
  }),
  z.object({ kind: z.literal('unrenderable'), ...key, attackText: z.string().nullable(), reason: z.string() }),
  z.object({ kind: z.literal('error'), ...key, stage: z.enum(['load', 'label', 'render', 'embed']), message: z.string() }),
]);
