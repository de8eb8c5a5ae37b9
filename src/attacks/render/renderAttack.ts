import type { RgbaImage } from '../../image/rgbaImage.js';
import { describeCharacters, familiesCovering, findMissingGlyphs, hasGlyph } from '../fonts/glyphCoverage.js';
import { registerBundledFonts } from '../fonts/registerBundledFonts.js';
import { resolveFontFamily } from '../fonts/resolveFontFamily.js';
import { createRng } from '../random/createRng.js';
import type { AttackSpec } from '../spec/attackSpecSchema.js';
import { isNoopAttack } from '../spec/isNoopAttack.js';
import { applyLetterCase } from '../text/applyLetterCase.js';
import { perturbSpelling } from '../text/perturbSpelling.js';
import { borrowCanvas } from './canvasPool.js';
import { checkRenderableImage } from './checkRenderableImage.js';
import { cssFont, fitBlock, startSizePx } from './fitBlock.js';
import type { Block } from './measureBlock.js';
import { paintPage } from './paintPage.js';
import { pageLayout } from './pageLayout.js';
import { hashRgba } from './hashRgba.js';
import { gridCells, insetRect, type Rect } from './rect.js';
import type { RenderedAttack, RenderOutcome } from './renderOutcome.js';
import { resaveJpeg } from './resaveJpeg.js';

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
