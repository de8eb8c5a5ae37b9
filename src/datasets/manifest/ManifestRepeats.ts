import { DatasetError } from '../../errors/errors.js';
import type { Sample } from '../dataset.js';

/** What a manifest entry says about its image: what a run reads from it. */
type Claims = Pick<Sample, 'label' | 'attackText' | 'cleanPath'>;

const claimColumns: ReadonlyArray<readonly [keyof Claims, string]> = [
  ['label', 'label'],
  ['attackText', 'attack_text'],
  ['cleanPath', 'clean_path'],
];

/** A 53-bit hash of a string (cyrb53): exact enough to tell a dataset's images apart, and a plain number to store. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const claimsText = (s: Claims): string => claimColumns.map(([key]) => (s[key] === undefined ? '\u0001' : `\u0002${s[key]}`)).join('\u0000');

/**
 * Spots an image that a manifest lists twice with different contents (`a.png,cat` and later
 * `a.png,dog`): a run scores each image once, so one of the two would be dropped without a word.
 * Repeats that agree (byte-identical lines, or `./a.png` and `a.png` with the same label) pass;
 * the run evaluates them once and says so.
 *
 * Streaming passes must not hold the manifest, so each image is kept as two 53-bit hashes (of
 * its id and of what its entry says) and its line, about 40 bytes, in an open-addressing table;
 * a suspected conflict is confirmed from the manifest's text (`entryAt`) before it is reported.
 */
export class ManifestRepeats {
  #ids = new Float64Array(1024);
  #claims = new Float64Array(1024);
  /** 1-based manifest line of each slot's first entry; 0 = empty slot. */
  #lines = new Uint32Array(1024);
  #size = 0;

  /**
   * @param file the manifest, for messages.
   * @param entryAt the sample of the entry at a line (read again from the manifest), or undefined.
   */
  constructor(
    private readonly file: string,
    private readonly entryAt: (line: number) => Promise<Sample | undefined>,
  ) {}

  /**
   * Records the entry at `line` for `sample`.
   * @throws DatasetError naming both lines when an earlier entry lists the same image with another label, attack text or clean image.
   */
  async check(sample: Sample, line: number): Promise<void> {
    const id = hash53(sample.id);
    const claims = hash53(claimsText(sample));
    const slot = this.#slotOf(id);
    const firstLine = this.#lines[slot] as number;
    if (firstLine === 0) {
      this.#put(slot, id, claims, line);
      return;
    }
    if (this.#claims[slot] === claims) return;
    const first = await this.entryAt(firstLine);
    // Two images whose ids share a hash (odds about n^2 / 2^54: 1 in 2 million for 100,000 images), not a repeat.
    if (first === undefined || first.id !== sample.id) return;
    const differing = claimColumns.find(([key]) => first[key] !== sample[key]);
    if (differing === undefined) return;
    const [key, column] = differing;
    const shown = (s: Claims) => (s[key] === undefined ? `no ${column}` : `${column} ${JSON.stringify(s[key])}`);
    throw new DatasetError(
      `${this.file} lines ${firstLine} and ${line} both list the image '${sample.id}', with ${shown(first)} and ${shown(sample)}; ` +
        'a run scores an image once, so list it once (or make the lines agree).',
      this.file,
      line,
    );
  }

  /** The slot holding `id`, or the empty slot where it goes (linear probing). */
  #slotOf(id: number): number {
    const mask = this.#lines.length - 1;
    let slot = id % this.#lines.length;
    while (this.#lines[slot] !== 0 && this.#ids[slot] !== id) slot = (slot + 1) & mask;
    return slot;
  }

  #put(slot: number, id: number, claims: number, line: number): void {
    this.#ids[slot] = id;
    this.#claims[slot] = claims;
    this.#lines[slot] = line;
    this.#size += 1;
    if (this.#size * 2 <= this.#lines.length) return;
    const [ids, allClaims, lines] = [this.#ids, this.#claims, this.#lines];
    this.#ids = new Float64Array(ids.length * 2);
    this.#claims = new Float64Array(ids.length * 2);
    this.#lines = new Uint32Array(ids.length * 2);
    lines.forEach((l, i) => {
      if (l === 0) return;
      const to = this.#slotOf(ids[i] as number);
      this.#ids[to] = ids[i] as number;
      this.#claims[to] = allClaims[i] as number;
      this.#lines[to] = l;
    });
  }
}
