import { z } from 'zod';
import type { TowerConfig } from './clipConfig.js';

/**
 * Small zod building blocks shared by the config readers, with messages that say what
 * is allowed, the formatter that turns zod issues into one line, and the tower fields every
 * family's config.json writer shares.
 */

export function positiveInt(): z.ZodNumber {
  const error = 'expected a positive integer';
  return z.number({ error }).int({ error }).positive({ error });
}

export function nonNegativeInt(): z.ZodNumber {
  const error = 'expected an integer >= 0';
  return z.number({ error }).int({ error }).nonnegative({ error });
}

export function positiveNumber(): z.ZodNumber {
  const error = 'expected a finite number > 0';
  return z.number({ error }).positive({ error });
}

export function flag(): z.ZodBoolean {
  return z.boolean({ error: 'expected true or false' });
}

/**
 * One line per issue, joined with '; ': `text_config.hidden_act: <what is allowed> (got "swish")`.
 * `renames` maps a first path segment to the name the user wrote (text_config -> text_config_dict).
 */
export function formatConfigIssues(
  issues: readonly z.core.$ZodIssue[],
  renames: Readonly<Record<string, string>> = {},
): string {
  return issues
    .map((issue) => {
      const path = issue.path.map((part, index) => (index === 0 ? (renames[String(part)] ?? String(part)) : String(part)));
      const where = path.length === 0 ? '(top level)' : path.join('.');
      const got = 'input' in issue && issue.input !== undefined ? ` (got ${JSON.stringify(issue.input)})` : ' (missing)';
      return `${where}: ${issue.message}${issue.code === 'custom' ? '' : got}`;
    })
    .join('; ');
}

/** The transformer-tower fields of a Hugging Face `config.json` (CLIP and SigLIP name them alike). */
export function towerConfigJson(t: TowerConfig): Record<string, unknown> {
  return {
    hidden_size: t.hiddenSize,
    intermediate_size: t.intermediateSize,
    num_attention_heads: t.numAttentionHeads,
    num_hidden_layers: t.numHiddenLayers,
    hidden_act: t.hiddenAct,
    layer_norm_eps: t.layerNormEps,
  };
}

interface TowerSizes {
  readonly hidden_size: number;
  readonly num_attention_heads: number;
}

/**
 * The size rules every dual-encoder config obeys, as zod issues: each tower's width divides into
 * its heads, and the image into whole patches.
 */
export function addTowerShapeIssues(
  context: z.core.$RefinementCtx,
  text: TowerSizes,
  vision: TowerSizes & { readonly image_size: number; readonly patch_size: number },
): void {
  for (const [tower, values] of [['text_config', text], ['vision_config', vision]] as const) {
    if (values.hidden_size % values.num_attention_heads !== 0) {
      context.addIssue({
        code: 'custom',
        path: [tower, 'num_attention_heads'],
        message: `hidden_size ${values.hidden_size} is not divisible by num_attention_heads ${values.num_attention_heads}`,
      });
    }
  }
  if (vision.image_size % vision.patch_size !== 0) {
    context.addIssue({
      code: 'custom',
      path: ['vision_config', 'patch_size'],
      message: `image_size ${vision.image_size} is not divisible by patch_size ${vision.patch_size}`,
    });
  }
}
