/**
 * Artwork cut out of its white square, so that a scene's background shows around it. Every
 * artwork stroop renders (emoji, icon tables) is drawn onto opaque white; a scene needs its
 * shape. Greyscale art (monochrome icon sets, drawn black) becomes ink whose opacity is its
 * darkness, so its anti-aliased edges and holes stay exact and it can be painted any colour;
 * colour art loses the white connected to its border (a flood fill), keeping white inside it.
 */
import type { RgbaImage } from '../image/rgbaImage.js';

/** An artwork's shape: RGBA with the background transparent, and whether it is one-colour ink. Plain data. */
export interface ArtworkCutout {
  readonly image: RgbaImage;
  /** True for greyscale art: `image` is black ink, its alpha the art's darkness. */
  readonly monochrome: boolean;
}

/** Largest difference between channels of a pixel that still counts as grey. */
const greyChroma = 20;
/** Smallest channel value of a pixel that counts as the white around colour art. */
const whiteFloor = 236;

/** True when every pixel of `image` is grey (chroma <= 20) and one is darker than light grey. */
export function isGreyscaleArt(image: RgbaImage): boolean {
  const { data } = image;
  let dark = false;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
    if (Math.max(r, g, b) - Math.min(r, g, b) > greyChroma) return false;
    if (r + g + b < 3 * 160) dark = true;
  }
  return dark;
}

function inkCutout(image: RgbaImage): RgbaImage {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i += 4) {
    const luma = 0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!;
    data[i + 3] = Math.round(((255 - luma) * image.data[i + 3]!) / 255);
  }
  return { width: image.width, height: image.height, data };
}

/** `image` with the near-white region connected to its border made transparent (4-connected flood fill). */
function floodCutout(image: RgbaImage): RgbaImage {
  const { width, height } = image;
  const data = new Uint8Array(image.data);
  const isWhite = (p: number) => data[4 * p + 3]! > 0 && Math.min(data[4 * p]!, data[4 * p + 1]!, data[4 * p + 2]!) >= whiteFloor;
  const stack: number[] = [];
  const visit = (p: number) => {
    if (isWhite(p)) {
      data[4 * p + 3] = 0;
      stack.push(p);
    }
  };
  for (let x = 0; x < width; x++) {
    visit(x);
    visit((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    visit(y * width);
    visit(y * width + width - 1);
  }
  while (stack.length > 0) {
    const p = stack.pop()!;
    const [x, y] = [p % width, Math.floor(p / width)];
    if (x > 0) visit(p - 1);
    if (x < width - 1) visit(p + 1);
    if (y > 0) visit(p - width);
    if (y < height - 1) visit(p + width);
  }
  return { width, height, data };
}

const cutouts = new WeakMap<RgbaImage, ArtworkCutout>();

/** The cut-out of `artwork` (see the file comment), computed once per image. */
export function cutOutArtwork(artwork: RgbaImage): ArtworkCutout {
  let cutout = cutouts.get(artwork);
  if (cutout === undefined) {
    const monochrome = isGreyscaleArt(artwork);
    cutout = { image: monochrome ? inkCutout(artwork) : floodCutout(artwork), monochrome };
    cutouts.set(artwork, cutout);
  }
  return cutout;
}

/** `image` with every pixel's colour set to `colour`, its alpha (the shape) kept. */
export function paintArtwork(image: RgbaImage, colour: readonly [number, number, number]): RgbaImage {
  const data = new Uint8Array(image.data);
  for (let i = 0; i < data.length; i += 4) data.set(colour, i);
  return { width: image.width, height: image.height, data };
}
