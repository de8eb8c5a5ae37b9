import canvas from 'canvas';
import { registerBundledFonts } from '../attacks/fonts/registerBundledFonts.js';
import { DatasetError } from '../errors/errors.js';
import type { RgbaImage } from '../image/rgbaImage.js';
import { resolveIconData, type IconSet } from './emojiSets.js';

/** Rendering an emoji: its icon as an SVG document, rasterised by librsvg through node-canvas. */

/** The node-canvas build that rasterises the icons; its output may change when any of these does. */
export interface SvgRendererVersions {
  /** node-canvas, e.g. `3.2.3`. */
  readonly canvas: string;
  readonly cairo: string;
  /** librsvg, which parses and draws the SVG. */
  readonly rsvg: string;
}

/** The versions of node-canvas and of the cairo and librsvg it links. */
export function svgRendererVersions(): SvgRendererVersions {
  const lib = canvas as unknown as Record<string, string | undefined>;
  return { canvas: lib['version'] ?? 'unknown', cairo: lib['cairoVersion'] ?? 'unknown', rsvg: lib['rsvgVersion'] ?? 'unknown' };
}

/**
 * A standalone SVG document for one icon, `size` x `size` pixels, the icon's view box
 * centred and scaled to fit (SVG's default `xMidYMid meet`, so a non-square icon keeps its
 * aspect ratio). `name` is an icon or an alias of one. Throws a DatasetError for an unknown
 * icon or one with Iconify transformations (rotate, flips), which this renderer does not apply.
 * @param size side in pixels, a whole number >= 1.
 */
export function iconSvg(set: IconSet, name: string, size: number): string {
  const icon = resolveIconData(set, name);
  if (icon === undefined || typeof icon.body !== 'string') {
    throw new DatasetError(`Icon '${name}' is not in ${set.packageName}@${set.version} (neither an icon nor an alias).`, set.packageName);
  }
  if (icon.rotate || icon.hFlip || icon.vFlip) {
    throw new DatasetError(`Icon '${name}' of ${set.packageName} is rotated or flipped; only untransformed icons can be rendered.`, set.packageName);
  }
  const viewBox = [icon.left ?? set.left, icon.top ?? set.top, icon.width ?? set.width, icon.height ?? set.height].join(' ');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
    `width="${size}" height="${size}" viewBox="${viewBox}">${icon.body}</svg>`
  );
}

/**
 * Rasterises an SVG document (librsvg, through node-canvas) onto an opaque white
 * `size` x `size` square. Deterministic for a given node-canvas build: the same SVG gives
 * the same bytes. Every pixel has alpha 255.
 * @param size side in pixels, a whole number >= 1.
 * @param source names the icon in error messages.
 */
export async function renderSvg(svg: string, size: number, source: string): Promise<RgbaImage> {
  // librsvg initialises fontconfig; the attack renderer's fonts must be registered before that, or
  // every attack drawn later in this process falls back to a host font (see registerBundledFonts).
  registerBundledFonts();
  let image: canvas.Image;
  try {
    image = await canvas.loadImage(Buffer.from(svg, 'utf8'));
  } catch (error) {
    throw new DatasetError(`Cannot render ${source}: librsvg rejected its SVG (${(error as Error).message}).`, source, undefined, { cause: error });
  }
  const surface = canvas.createCanvas(size, size);
  const context = surface.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, size, size);
  context.drawImage(image, 0, 0, size, size);
  const pixels = context.getImageData(0, 0, size, size).data;
  return { width: size, height: size, data: new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength) };
}
