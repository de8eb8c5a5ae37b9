import path from 'node:path';
import { encodeRgbaPng } from '../image/pngCodec.js';
import { sha256Hex } from '../util/hashing.js';
import { turnEventLoop } from '../util/eventLoop.js';
import { writeFileAtomicallySync as replaceFile } from '../util/writeFileAtomically.js';
import { emojiBuildRecordName, findDamagedFiles, readEmojiBuildRecord, type EmojiBuildRecord } from './emojiBuildRecord.js';
import { renderSvg, type SvgRendererVersions } from './renderSvg.js';

/**
 * What every icon dataset build (emoji, artwork) shares: finding what a previous build left
 * intact, rendering the rest from SVG into PNG files with their hashes, and settling the build
 * (metadata files rewritten when stale, build.json last).
 */

/** One image of a build's plan: where it goes, relative to the root. */
export interface IconImage {
  readonly path: string;
}

/** An image's SVG document, and what to call it in errors (`<package>:<icon>`). */
export interface IconSvg {
  readonly svg: string;
  readonly source: string;
}

/** The SHA-256 of each file written, and of each image's RGBA bytes, by path. */
export interface BuildHashes {
  readonly files: Record<string, string>;
  readonly pixels: Record<string, string>;
}

/** What a build is keyed on, as build.json records it. */
export interface IconBuildIdentity {
  readonly root: string;
  readonly key: string;
  readonly size: number;
  readonly packages: Readonly<Record<string, string>>;
  readonly renderer: SvgRendererVersions;
}

/** The previous build's record when it was made for this key (else undefined), and the images to render again. */
export function imagesToRender<T extends IconImage>(identity: IconBuildIdentity, plan: readonly T[]): { readonly reusable?: EmojiBuildRecord; readonly images: T[] } {
  const previous = readEmojiBuildRecord(identity.root);
  const reusable = previous?.key === identity.key ? previous : undefined;
  if (reusable === undefined) return { images: [...plan] };
  const damaged = new Set(findDamagedFiles(identity.root, plan.map((image) => image.path), reusable.files));
  return { reusable, images: plan.filter((image) => damaged.has(image.path)) };
}

/**
 * Renders each image's SVG (`svgOf`) onto a white `size` px square and writes it as PNG under
 * `root`, returning the hashes. The event loop turns after each image so canvases are freed.
 */
export async function renderIconImages<T extends IconImage>(
  root: string,
  size: number,
  images: readonly T[],
  svgOf: (image: T) => IconSvg,
  onProgress?: (done: number, total: number) => void,
): Promise<BuildHashes> {
  const files: Record<string, string> = {};
  const pixels: Record<string, string> = {};
  for (const [done, image] of images.entries()) {
    const { svg, source } = svgOf(image);
    const rgba = await renderSvg(svg, size, source);
    const png = encodeRgbaPng(rgba);
    replaceFile(path.join(root, ...image.path.split('/')), png);
    files[image.path] = sha256Hex(png);
    pixels[image.path] = sha256Hex(rgba.data);
    onProgress?.(done + 1, images.length);
    await turnEventLoop();
  }
  return { files, pixels };
}

/**
 * Finishes a build: every planned image's hashes (rendered now, else from the reusable record),
 * metadata files written where missing or changed, and build.json written last unless nothing
 * changed. Returns the record and whether the build was already up to date.
 */
export function settleIconBuild(
  identity: IconBuildIdentity,
  imagePaths: readonly string[],
  rendered: BuildHashes,
  reusable: EmojiBuildRecord | undefined,
  metadata: Readonly<Record<string, string>>,
): { readonly record: EmojiBuildRecord; readonly upToDate: boolean } {
  const files: Record<string, string> = {};
  const pixels: Record<string, string> = {};
  for (const p of imagePaths) {
    files[p] = rendered.files[p] ?? reusable?.files[p] ?? '';
    pixels[p] = rendered.pixels[p] ?? reusable?.pixels[p] ?? '';
  }
  const stale = Object.keys(metadata).filter((name) => findDamagedFiles(identity.root, [name], { [name]: sha256Hex(metadata[name] ?? '') }).length > 0);
  for (const name of stale) replaceFile(path.join(identity.root, name), metadata[name] ?? '');
  for (const [name, text] of Object.entries(metadata)) files[name] = sha256Hex(text);
  const record: EmojiBuildRecord = { format: 1, key: identity.key, size: identity.size, packages: { ...identity.packages }, renderer: { ...identity.renderer }, files, pixels };
  const upToDate = Object.keys(rendered.files).length === 0 && stale.length === 0 && reusable !== undefined;
  if (!upToDate) replaceFile(path.join(identity.root, emojiBuildRecordName), `${JSON.stringify(record, null, 2)}\n`);
  return { record, upToDate };
}
