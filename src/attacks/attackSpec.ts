import { z } from 'zod';
import { AttackError } from '../errors/errors.js';
import { describeFontNames, findFontFamily } from './fonts/fontCatalog.js';
import { colourSchema, intIn, layoutSchema, numberIn, placementSchema } from './schemaParts.js';

/** Longest attack text, in UTF-16 code units. */
export const MAX_TEXT_LENGTH = 200;

const fontSchema = z.strictObject({
  /** A bundled family or an alias such as "Arial" (case-insensitive); see fontCatalog.ts. */
  family: z
    .string()
    .refine((name) => findFontFamily(name) !== undefined, { error: (i) => `unknown font ${JSON.stringify(i.input)}. Valid fonts: ${describeFontNames()}` })
    .default('Liberation Sans'),
  /** Bold uses the bold file where one is bundled, else fontconfig's synthetic emboldening. */
  weight: z.enum(['normal', 'bold']).default('normal'),
  /** Italic is a synthetic oblique (no italic files are bundled). */
  style: z.enum(['normal', 'italic']).default('normal'),
});

const sizeSchema = z
  .strictObject({
    /** `px`: value is the font size in pixels; `shortSide`: a fraction of the image's shorter side. */
    unit: z.enum(['px', 'shortSide']).default('shortSide'),
    /** px: a whole number in [1, 2000]; shortSide: a fraction in (0, 1]. The starting size when shrinking. */
    value: z.number({ error: 'must be a number' }).default(0.15),
    /** The smallest size shrink-to-fit may reach, in whole px, in [1, 2000]. */
    minPx: intIn(1, 2000, 'px').default(6),
    /** `shrink`: reduce 1 px at a time until the block fits its region; `none`: draw at the given size, clipped if need be. */
    fit: z.enum(['shrink', 'none']).default('shrink'),
  })
  .superRefine((size, ctx) => {
    const ok = size.unit === 'px' ? Number.isInteger(size.value) && size.value >= 1 && size.value <= 2000 : size.value > 0 && size.value <= 1;
    if (!ok) {
      const range = size.unit === 'px' ? 'a whole number in [1, 2000] px' : 'a fraction in (0, 1] of the short side';
      ctx.addIssue({ code: 'custom', path: ['value'], message: `must be ${range}, got ${size.value}` });
    }
  });

const strokeSchema = z.strictObject({
  colour: colourSchema.default('#ffffff'),
  /** Outline drawn outside the glyphs (as Pillow's stroke_width), in px, in [0, 50]; 0 = no stroke. */
  widthPx: numberIn(0, 50, 'px').default(0),
});

const stickerSchema = z.strictObject({
  /** Fill colour of the box behind the text ("paper label"). */
  colour: colourSchema.default('#ffffff'),
  /** Space between the text's ink box and the box edge, in em (multiples of the font size), in [0, 2]. */
  padding: numberIn(0, 2, 'em').default(0.3),
  /** Corner radius in em, in [0, 1]. */
  cornerRadius: numberIn(0, 1, 'em').default(0.15),
  /** Box opacity in [0, 1]. */
  opacity: numberIn(0, 1).default(1),
});

const perturbationSchema = z.strictObject({
  /** swap: exchange adjacent letters; leet: letters to digits (e->3); homoglyph: Latin letters to Cyrillic/Greek look-alikes. */
  kind: z.enum(['none', 'swap', 'leet', 'homoglyph']).default('none'),
  /** How many positions to change, in [0, 20]; positions are drawn from the render seed. */
  count: intIn(0, 20).default(1),
});

const wrapSchema = z.strictObject({
  /** none: break only at "\n"; words: spread the words over up to maxLines balanced lines; width: greedy wrap to the region width. */
  mode: z.enum(['none', 'words', 'width']).default('none'),
  /** Most lines the text may take, in [1, 10]. */
  maxLines: intIn(1, 10).default(2),
});

const originSchema = z.strictObject({
  /** What produced the spec: the fast-check generator, a preset expansion, or a file. */
  generator: z.enum(['attackSpecArb', 'preset', 'file']),
  /** Preset name or file path, when there is one. */
  name: z.string().optional(),
  /** Seed that replays it. */
  seed: z.number().int(),
  /** Replay path: fast-check's run path for the generator, "textIndex/sweepIndex" for a preset. */
  path: z.string(),
});

/**
 * A typographic attack as plain data: what to write on an image and how. Every
 * field has a default, so a spec file may give only what it changes.
 */
export const attackSpecSchema = z.strictObject({
  /** The words to write; "\n" breaks lines. Empty text is a no-op attack. */
  text: z
    .string({ error: 'must be a string: the words to write (may be empty)' })
    .max(MAX_TEXT_LENGTH, { error: `must be at most ${MAX_TEXT_LENGTH} characters` })
    .refine((t) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(t), { error: 'must not contain control characters other than "\\n"' }),
  font: fontSchema.prefault({}),
  size: sizeSchema.prefault({}),
  /** Text fill colour. */
  fill: colourSchema.default('#000000'),
  stroke: strokeSchema.prefault({}),
  /** Opacity of the text (fill and stroke together), in [0, 1]; 0 is a no-op attack. */
  opacity: numberIn(0, 1).default(1),
  placement: placementSchema.default({ kind: 'anchor', anchor: 'center' }),
  /** Space kept free along every edge of the region, in whole px, in [0, 1000]. */
  marginPx: intIn(0, 1000, 'px').default(0),
  /** Clockwise rotation of the block about its centre, in degrees, in [-180, 180]. */
  rotationDeg: numberIn(-180, 180, 'degrees').default(0),
  /** Optional box behind the text; null = none. */
  sticker: stickerSchema.nullable().default(null),
  /** Copies of the block, in [1, 64], one per cell of a near-square grid over the region. */
  repeat: intIn(1, 64).default(1),
  letterCase: z.enum(['asIs', 'upper', 'lower', 'title']).default('asIs'),
  perturbation: perturbationSchema.prefault({}),
  wrap: wrapSchema.prefault({}),
  /** Baseline-to-baseline distance in em, in [0.5, 3]. */
  lineHeight: numberIn(0.5, 3, 'em').default(1.2),
  layout: layoutSchema.default({ kind: 'overlay' }),
  /** Re-encode the result (e.g. JPEG at quality 75, as ImageNet-ATR saved its images); null = keep exact pixels. */
  resave: z.strictObject({ format: z.literal('jpeg'), quality: intIn(1, 100).default(75) }).nullable().default(null),
  /** What generated this spec and how to replay it; ignored by the renderer. */
  origin: originSchema.optional(),
});

/** A validated attack spec with every default filled in. */
export type AttackSpec = z.output<typeof attackSpecSchema>;
/** An attack spec as written in a file: every field but `text` optional. */
export type AttackSpecInput = z.input<typeof attackSpecSchema>;
export type AttackPlacement = AttackSpec['placement'];
export type AttackLayout = AttackSpec['layout'];
export type AttackOrigin = NonNullable<AttackSpec['origin']>;

/** "size.value: must be ...; opacity: must be ...": zod issues on one line. */
export function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length === 0 ? '(spec)' : issue.path.join('.')}: ${issue.message}`).join('; ');
}

/**
 * Validates an attack spec (from JSON or code) and fills in the defaults.
 * Throws AttackError naming each bad field and its allowed range.
 */
export function parseAttackSpec(value: unknown, source = 'input'): AttackSpec {
  const result = attackSpecSchema.safeParse(value);
  if (!result.success) throw new AttackError(`Invalid attack spec in ${source}: ${formatIssues(result.error)}`, source, { cause: result.error });
  return result.data;
}

/**
 * Whether the attack leaves the image exactly as it was: nothing to write (blank
 * text or opacity 0, and no sticker that shows), no band, no re-encoding.
 * Such specs are allowed; the renderer marks their results `noop`.
 */
export function isNoopAttack(spec: AttackSpec): boolean {
  const blank = spec.text.trim() === '';
  const textShows = !blank && spec.opacity > 0;
  const stickerShows = !blank && spec.sticker !== null && spec.sticker.opacity > 0;
  return !textShows && !stickerShows && spec.layout.kind === 'overlay' && spec.resave === null;
}
