import path from 'node:path';
import { RecordFile, RECORD_LAYOUT } from './RecordFile.js';
import type { AttackSpec } from '../attacks/attackSpec.js';
import { defaultOrientation, type OrientationPolicy } from '../image/decodeImage.js';
import { specHash, sha256Hex } from '../util/hashing.js';

/** What drawing one attack on one image gave: enough to score the row without drawing it again. */
export interface RenderRecord {
  /** Lower-case hex SHA-256 of the attacked image's RGBA bytes: the key of its embedding. */
  readonly renderHash: string;
  /** Font size after shrink-to-fit, px (0 for a no-op attack). */
  readonly fontSizePx: number;
}

/** 32 bytes of render hash, then the font size as a float64. */
const PAYLOAD_BYTES = 32 + 8;

/**
 * A disk index from a render key (see renderKey: image bytes, decode limit, spec, seed, renderer)
 * to the render's hash and font size, so a warm run finds an attacked image's cached embedding
 * without decoding the image or drawing the attack. Append-only fixed-size, checksummed records
 * (RecordFile): a damaged record is a miss, and the attack is drawn again.
 * Only drawn attacks are recorded; unrenderable ones are drawn again (that is cheap: they stop at fitting).
 */
export class RenderIndex {
  readonly #records: RecordFile;

  private constructor(records: RecordFile) {
    this.#records = records;
  }

  static open(file: string): RenderIndex {
    return new RenderIndex(RecordFile.open(file, PAYLOAD_BYTES));
  }

  /**
   * The index file of one renderer in a cache directory: `<cacheDir>/renders/<renderer>.r<layout>.bin`.
   * The record layout is in the name, so files of an older layout are left alone, never misread.
   */
  static fileIn(cacheDir: string, renderer: string): string {
    return path.join(cacheDir, 'renders', `${renderer.slice(0, 32)}.r${RECORD_LAYOUT}.bin`);
  }

  get size(): number {
    return this.#records.size;
  }

  /** Records found damaged (and dropped) since opening; each is drawn and recorded again. */
  get corruptRecords(): number {
    return this.#records.corruptRecords;
  }

  get(key: string): RenderRecord | undefined {
    const bytes = this.#records.read(key);
    if (bytes === undefined) return undefined;
    return { renderHash: bytes.toString('hex', 0, 32), fontSizePx: bytes.readDoubleLE(32) };
  }

  /** Records a render (first write wins: the same key means the same render). */
  put(key: string, record: RenderRecord): void {
    if (!/^[0-9a-f]{64}$/.test(record.renderHash)) throw new RangeError(`A render hash is 64 lower-case hex digits, got '${record.renderHash}'.`);
    if (!Number.isFinite(record.fontSizePx)) throw new RangeError(`A font size is a finite number of px, got ${record.fontSizePx}.`);
    const payload = Buffer.alloc(PAYLOAD_BYTES);
    payload.write(record.renderHash, 0, 'hex');
    payload.writeDoubleLE(record.fontSizePx, 32);
    this.#records.append(key, payload);
  }

  close(): void {
    this.#records.close();
  }
}

/** Everything a rendered attack's bytes depend on. */
export interface RenderInputs {
  /** rendererFingerprint(): decoder and renderer code, native library versions, fonts. */
  readonly renderer: string;
  /** imagePixelsKey of the clean image: its file's SHA-256 (hex), with the orientation policy when not the default. */
  readonly imageSha256: string;
  /** The decode limit in pixels: it decides whether the image decodes at all. */
  readonly maxPixels: number;
  readonly spec: AttackSpec;
  /** The seed the attack is drawn with (a safe integer). */
  readonly seed: number;
}

/**
 * The key of an image file's decoded pixels (its clean embedding, and the base of its renders):
 * the file's SHA-256 under the default orientation policy; under another, the SHA-256 of the
 * file's and the policy, since the same file then gives other pixels. Hex, 64 characters.
 */
export function imagePixelsKey(fileSha256: string, orientation: OrientationPolicy = defaultOrientation): string {
  return orientation === defaultOrientation ? fileSha256 : sha256Hex(`${fileSha256}\0orientation=${orientation}`);
}

/** The key of a render in the RenderIndex: SHA-256 (hex) of its inputs' canonical JSON. */
export function renderKey(inputs: RenderInputs): string {
  return specHash(inputs);
}
