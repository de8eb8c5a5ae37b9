import { z } from 'zod';

function describeRange(min: number, max: number, unit: string): string {
  return `[${min}, ${max}]${unit === '' ? '' : ` ${unit}`}`;
}

/** A finite number in [min, max]; out-of-range and wrong-type messages state the range. */
export function numberIn(min: number, max: number, unit = '') {
  const range = describeRange(min, max, unit);
  const error = (issue: { input?: unknown }) => `must be a number in ${range}, got ${JSON.stringify(issue.input)}`;
  return z.number({ error }).min(min, { error }).max(max, { error });
}

/** A whole number in [min, max]; messages state the range. */
export function intIn(min: number, max: number, unit = '') {
  const range = describeRange(min, max, unit);
  const error = (issue: { input?: unknown }) => `must be a whole number in ${range}, got ${JSON.stringify(issue.input)}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** CSS colour names a spec may use; they mean the same in canvas and in Pillow's ImageColor. */
export const colourNames = [
  'black', 'white', 'red', 'green', 'blue', 'cyan', 'magenta', 'yellow', 'gray', 'grey',
  'orange', 'purple', 'brown', 'pink', 'navy', 'maroon', 'olive', 'teal', 'silver', 'lime',
] as const;

/** A colour: `#rrggbb` (hex, any case) or one of {@link colourNames}. */
export const colourSchema = z.string().refine((c) => /^#[0-9a-fA-F]{6}$/.test(c) || (colourNames as readonly string[]).includes(c), {
  error: (issue) => `must be '#rrggbb' or one of ${colourNames.join(', ')}, got ${JSON.stringify(issue.input)}`,
});

/** Named placements: the text block is flush with the named side(s) of its region, or centred. */
export const anchors = ['center', 'top-left', 'top', 'top-right', 'left', 'right', 'bottom-left', 'bottom', 'bottom-right'] as const;
export type Anchor = (typeof anchors)[number];

/** Where the text block goes inside its region (the image, a repeat cell, or a band). */
export const placementSchema = z.discriminatedUnion('kind', [
  /** Flush with a side or corner, or centred. */
  z.strictObject({ kind: z.literal('anchor'), anchor: z.enum(anchors) }),
  /**
   * Fractions of the free space: 0 = flush left/top, 1 = flush right/bottom,
   * 0.5 = centred. The block always stays inside the region.
   */
  z.strictObject({ kind: z.literal('fraction'), x: numberIn(0, 1), y: numberIn(0, 1) }),
  /**
   * Top-left corner of the unrotated block's ink box, in pixels of the output image.
   * Not clamped: a block placed partly outside is clipped, as in research code
   * that draws at fixed coordinates.
   */
  z.strictObject({ kind: z.literal('pixel'), x: numberIn(-100000, 100000, 'px'), y: numberIn(-100000, 100000, 'px') }),
  /** Uniformly random fractions of the free space, drawn from the render seed. */
  z.strictObject({ kind: z.literal('random') }),
]);

/** The page layout: text over the image, or plain bands added above/below it. */
export const layoutSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('overlay') }),
  z
    .strictObject({
      kind: z.literal('band'),
      /** Height of the band added above the image, as a fraction of the image height, in [0, 4]. */
      above: numberIn(0, 4, 'x image height'),
      /** Height of the band added below the image, as a fraction of the image height, in [0, 4]. */
      below: numberIn(0, 4, 'x image height'),
      /** Band colour. */
      colour: colourSchema.default('#ffffff'),
      /** Which band(s) the text is written in. */
      textIn: z.enum(['above', 'below', 'both']).default('below'),
    })
    .refine((b) => (b.textIn !== 'above' || b.above > 0) && (b.textIn !== 'below' || b.below > 0) && (b.textIn !== 'both' || (b.above > 0 && b.below > 0)), {
      error: 'the band named by textIn must have a height > 0',
    }),
]);
