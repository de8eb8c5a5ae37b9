/**
 * Colour jitter for artwork: a gamma curve, a change of colourfulness (or all grey) and a hue
 * turn, so that colours tell less of an artwork's style. Greys, white included, stay grey.
 */
import { signedUnit, type Rng } from '../attacks/createRng.js';
import type { RgbaImage } from '../image/rgbaImage.js';

/** RGB to YIQ (NTSC): Y is luma; I and Q, the chroma plane, are 0 for every grey. */
const toYiq = [0.299, 0.587, 0.114, 0.596, -0.274, -0.322, 0.211, -0.523, 0.312];

function multiply(a: readonly number[], b: readonly number[]): number[] {
  return Array.from({ length: 9 }, (_, k) => {
    const [row, col] = [Math.floor(k / 3), k % 3];
    return a[3 * row]! * b[col]! + a[3 * row + 1]! * b[3 + col]! + a[3 * row + 2]! * b[6 + col]!;
  });
}

function invert(m: readonly number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const cofactors = [e * i - f * h, c * h - b * i, b * f - c * e, f * g - d * i, a * i - c * g, c * d - a * f, d * h - e * g, b * g - a * h, a * e - b * d];
  const det = a * cofactors[0]! + b * cofactors[3]! + c * cofactors[6]!;
  return cofactors.map((x) => x / det);
}

const fromYiq = invert(toYiq);

/**
 * The 3 x 3 matrix (row-major, acting on RGB columns) that scales colourfulness by `saturation`
 * and turns the hue by `radians` about the grey axis (in YIQ's chroma plane), leaving every grey,
 * white included, as it is.
 */
export function saturationHueMatrix(saturation: number, radians: number): number[] {
  const [c, s] = [saturation * Math.cos(radians), saturation * Math.sin(radians)];
  return multiply(fromYiq, multiply([1, 0, 0, 0, c, -s, 0, s, c], toYiq));
}

/**
 * The artwork recoloured as another emoji style might draw it: a gamma curve (darker or lighter
 * mid-tones, black and white fixed), a change of colourfulness, with chance 0.15 x strength all
 * grey, and a small hue turn. White stays white, as the backgrounds of every style are.
 * `strength` in [0, 1] scales every range (gamma up to 1.5x either way, saturation +-50%, hue
 * +-15 degrees); at 0 nothing is drawn from `rng` and the image is returned as it is.
 */
export function jitterColours(image: RgbaImage, strength: number, rng: Rng): RgbaImage {
  if (strength <= 0) return image;
  const gamma = Math.exp(Math.log(1.5) * strength * signedUnit(rng));
  const grey = rng.next() < 0.15 * strength;
  const saturation = grey ? 0 : 1 + 0.5 * strength * signedUnit(rng);
  const m = saturationHueMatrix(saturation, ((15 * Math.PI) / 180) * strength * signedUnit(rng));
  const curve = Float32Array.from({ length: 256 }, (_, v) => (v / 255) ** gamma);
  const out = new Uint8Array(image.data.length);
  const { data } = image;
  const byte = (x: number) => Math.round(255 * Math.min(1, Math.max(0, x)));
  for (let i = 0; i < data.length; i += 4) {
    const r = curve[data[i]!]!;
    const g = curve[data[i + 1]!]!;
    const b = curve[data[i + 2]!]!;
    out[i] = byte(m[0]! * r + m[1]! * g + m[2]! * b);
    out[i + 1] = byte(m[3]! * r + m[4]! * g + m[5]! * b);
    out[i + 2] = byte(m[6]! * r + m[7]! * g + m[8]! * b);
    out[i + 3] = data[i + 3]!;
  }
  return { width: image.width, height: image.height, data: out };
}
