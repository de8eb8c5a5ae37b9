import canvas from 'canvas';
import { AttackError } from '../../errors/errors.js';
import type { RgbaImage } from '../../image/rgbaImage.js';
import { sha256Hex } from '../../util/hashing.js';
import { isNoopAttack, type AttackSpec } from '../attackSpec.js';
import { applyLetterCase, perturbSpelling } from '../attackText.js';
import { createRng } from '../createRng.js';
import { fontFileHashes, resolveFontFamily, type FontFileHash } from '../fonts/fontCatalog.js';
import { describeCharacters, familiesCovering, findMissingGlyphs, hasGlyph } from '../fonts/glyphCoverage.js';
import { registerBundledFonts } from '../fonts/registerBundledFonts.js';
import { borrowCanvas, resaveJpeg } from './canvasPixels.js';
import { cssFont, fitBlock, startSizePx, type Block } from './fitBlock.js';
import { gridCells, insetRect, pageLayout, type Rect } from './pageLayout.js';
import { paintPage } from './paintPage.js';

/** An attack drawn on an image. */
export interface RenderedAttack {
  readonly kind: 'rendered';
  /** The attacked image: same size as the input, taller by `grew` for the band layout. */
  readonly image: RgbaImage;
  /** Lower-case hex SHA-256 of `image.data`. */
  readonly hash: string;
  /** True when the attack changed nothing (the output bytes equal the input bytes). */
  readonly noop: boolean;
  /** Rows added above and below the image (band layout), px; 0 and 0 otherwise. */
  readonly grew: { readonly top: number; readonly bottom: number };
  /** Font size used after shrink-to-fit, whole px (0 for a no-op). */
  readonly fontSizePx: number;
  /** The lines as drawn, after letter case, perturbation and wrapping. */
  readonly lines: readonly string[];
  /**
   * Axis-aligned bounds of each drawn copy (rotated ink + stroke + sticker), in
   * output px. With `fit: shrink` and non-pixel placement they lie inside the page.
   */
  readonly boxes: readonly Rect[];
}

/** An attack that cannot be drawn on this image: data for the report, not a crash. */
export interface UnrenderableAttack {
  readonly kind: 'unrenderable';
  /** doesNotFit: too big even at `size.minPx`; missingGlyphs: the font cannot draw some characters. */
  readonly reason: 'doesNotFit' | 'missingGlyphs';
  /** One line saying what failed, on which text, and what would work. */
  readonly message: string;
  /** The characters without a glyph (missingGlyphs only). */
  readonly missingGlyphs: readonly string[];
}

export type RenderOutcome = RenderedAttack | UnrenderableAttack;

/** What a report records next to render hashes so a reader can reproduce them. */
export interface RendererVersions {
  /** node-canvas version, e.g. "3.2.3". */
  readonly canvas: string;
  readonly cairo: string;
  readonly pango: string;
  readonly freetype: string | undefined;
  /** libjpeg API version used by `resave: jpeg`. */
  readonly jpeg: string | undefined;
  /** The bundled font files and their SHA-256. */
  readonly fonts: readonly FontFileHash[];
}

/** Smallest image side the renderer accepts, px. */
export const MIN_IMAGE_SIDE = 8;
/** Largest output side (after band growth), px; cairo's own limit is 32767. */
export const MAX_IMAGE_SIDE = 16384;
/** Largest output in pixels (160 MB of RGBA). */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** Throws AttackError when the input (or the page it grows into) is too small, too large or malformed. */
export function checkRenderableImage(image: RgbaImage, outputHeight: number): void {
  const { width, height } = image;
  const size = `${width}x${height}`;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE) {
    throw new AttackError(`Image ${size} is too small to attack: each side must be at least ${MIN_IMAGE_SIDE} px.`);
  }
  if (width > MAX_IMAGE_SIDE || outputHeight > MAX_IMAGE_SIDE || width * outputHeight > MAX_IMAGE_PIXELS) {
    throw new AttackError(
      `Image ${size} is too large to attack (output ${width}x${outputHeight}): each side must be at most ${MAX_IMAGE_SIDE} px and the output at most ${MAX_IMAGE_PIXELS} pixels.`,
    );
  }
  if (image.data.length !== width * height * 4) {
    throw new AttackError(`Image ${size} has ${image.data.length} bytes of RGBA data; expected ${width * height * 4}.`);
  }
}

/** Lower-case hex SHA-256 of raw RGBA bytes: the render hash a report records. */
export function hashRgba(data: Uint8Array): string {
  return sha256Hex(data);
}

/** Versions of node-canvas and the native libraries it links, plus the bundled fonts' hashes. */
export function rendererVersions(): RendererVersions {
  const lib = canvas as unknown as Record<string, string | undefined>;
  return {
    canvas: lib['version'] ?? 'unknown',
    cairo: lib['cairoVersion'] ?? 'unknown',
    pango: lib['pangoVersion'] ?? 'unknown',
    freetype: lib['freetypeVersion'],
    jpeg: lib['jpegVersion'],
    fonts: fontFileHashes(),
  };
}

const emptyBlock: Block = { lines: [], halfWidth: 0, halfHeight: 0, inkHalfWidth: 0, inkHalfHeight: 0 };

function unrenderable(reason: 'doesNotFit' | 'missingGlyphs', message: string, missingGlyphs: string[] = []): RenderOutcome {
  return { kind: 'unrenderable', reason, message, missingGlyphs };
}

/**
 * Draws `spec` on `image` and returns the attacked image with the SHA-256 of
 * its RGBA bytes. Deterministic: the same image, spec and seed (a safe integer;
 * it drives random placement and perturbation positions) give the same bytes
 * in every process on a host with the same node-canvas/cairo/pango and the
 * bundled fonts (see rendererVersions()).
 *
 * Text that cannot fit even at `size.minPx`, or that the font has no glyphs
 * for, gives an `unrenderable` outcome instead of an exception. Throws
 * AttackError for an image smaller than 8 px or too large (see
 * checkRenderableImage). Input pixels with alpha < 255 pass through cairo's
 * premultiplied surface and may change by rounding where text is not drawn.
 */
export function renderAttack(image: RgbaImage, spec: AttackSpec, seed: number): RenderOutcome {
  const page = pageLayout(image.width, image.height, spec.layout);
  checkRenderableImage(image, page.height);
  if (isNoopAttack(spec)) {
    const copy = { width: image.width, height: image.height, data: Uint8Array.from(image.data) };
    return { kind: 'rendered', image: copy, hash: hashRgba(copy.data), noop: true, grew: page.grew, fontSizePx: 0, lines: [], boxes: [] };
  }
  registerBundledFonts();
  const family = resolveFontFamily(spec.font.family);
  const cased = applyLetterCase(spec.text, spec.letterCase);
  const text = perturbSpelling(cased, spec.perturbation, createRng(seed, 'perturbation'), (c) => hasGlyph(family, spec.font.weight, c));
  const missing = findMissingGlyphs(text, family, spec.font.weight);
  if (missing.length > 0) {
    const covering = familiesCovering(text);
    const hint = covering.length > 0 ? `fonts that cover the text: ${covering.join(', ')}` : 'no bundled font covers them';
    return unrenderable('missingGlyphs', `Font '${family}' has no glyph for ${describeCharacters(missing)} in ${JSON.stringify(text)}; ${hint}.`, missing);
  }
  const ctx = borrowCanvas('page', page.width, page.height);
  if (text.trim() === '') {
    // Blank text with a band or re-encoding: the page changes, but nothing (not even a sticker) is written.
    const drawn = paintPage(ctx, image, { page, cells: [], spec, fitted: { sizePx: 0, block: emptyBlock }, font: '', seed });
    return finish(drawn.image, spec, page.grew, 0, [], []);
  }
  const cells = page.textRegions.flatMap((region) => gridCells(insetRect(region, spec.marginPx), spec.repeat));
  const smallest = { width: Math.min(...cells.map((c) => c.width)), height: Math.min(...cells.map((c) => c.height)) };
  const fitted = fitBlock(ctx, text, spec, family, smallest, Math.min(image.width, image.height));
  if (fitted === undefined) {
    const start = startSizePx(spec, Math.min(image.width, image.height));
    return unrenderable(
      'doesNotFit',
      `Text ${JSON.stringify(text)} does not fit a ${Math.floor(smallest.width)}x${Math.floor(smallest.height)} px region of the ${image.width}x${image.height} image at any size from ${start} px down to ${Math.min(start, spec.size.minPx)} px (size.minPx).`,
    );
  }
  const drawn = paintPage(ctx, image, { page, cells, spec, fitted, font: cssFont(spec, family, fitted.sizePx), seed });
  return finish(drawn.image, spec, page.grew, fitted.sizePx, fitted.block.lines.map((l) => l.text), drawn.boxes);
}

/** Re-encodes if the spec says so and hashes the final bytes. */
function finish(page: RgbaImage, spec: AttackSpec, grew: RenderedAttack['grew'], fontSizePx: number, lines: string[], boxes: Rect[]): RenderedAttack {
  const image = spec.resave === null ? page : resaveJpeg(page, spec.resave.quality);
  return { kind: 'rendered', image, hash: hashRgba(image.data), noop: false, grew, fontSizePx, lines, boxes };
}
