import fs from 'node:fs';
import path from 'node:path';

const KEY_BYTES = 32;

/**
 * A disk cache of embeddings keyed by a SHA-256 (of an image file, a rendered image's RGBA
 * bytes, a prompt): one append-only file of fixed-size records `[32-byte key][dim float32]`,
 * indexed in memory when opened. A record torn by a killed process is cut off on open.
 */
export class EmbeddingStore {
  readonly #fd: number;
  readonly #index = new Map<string, number>();
  readonly #recordBytes: number;
  #size: number;
  #closed = false;

  private constructor(
    readonly file: string,
    readonly dim: number,
  ) {
    this.#recordBytes = KEY_BYTES + 4 * dim;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.#fd = fs.openSync(file, fs.existsSync(file) ? 'r+' : 'w+');
    const size = fs.fstatSync(this.#fd).size;
    this.#size = size - (size % this.#recordBytes);
    if (this.#size !== size) fs.ftruncateSync(this.#fd, this.#size);
    const key = Buffer.alloc(KEY_BYTES);
    for (let offset = 0; offset < this.#size; offset += this.#recordBytes) {
      fs.readSync(this.#fd, key, 0, KEY_BYTES, offset);
      this.#index.set(key.toString('hex'), offset + KEY_BYTES);
    }
  }

  static open(file: string, dim: number): EmbeddingStore {
    return new EmbeddingStore(file, dim);
  }

  get size(): number {
    return this.#index.size;
  }

  has(keyHex: string): boolean {
    return this.#index.has(keyHex);
  }

  /** The stored embedding, or undefined. */
  get(keyHex: string): Float32Array | undefined {
    const offset = this.#index.get(keyHex);
    if (offset === undefined) return undefined;
    const bytes = Buffer.alloc(4 * this.dim);
    fs.readSync(this.#fd, bytes, 0, bytes.length, offset);
    return new Float32Array(bytes.buffer, bytes.byteOffset, this.dim);
  }

  /** Stores an embedding (first write wins: the same key means the same input). */
  put(keyHex: string, embedding: Float32Array): void {
    if (this.#closed) throw new Error('EmbeddingStore is closed');
    if (this.#index.has(keyHex)) return;
    if (embedding.length !== this.dim || !/^[0-9a-f]{64}$/.test(keyHex)) throw new RangeError(`Bad cache record: key ${keyHex}, ${embedding.length} values for dim ${this.dim}`);
    const record = Buffer.alloc(this.#recordBytes);
    record.write(keyHex, 0, 'hex');
    Buffer.from(embedding.buffer, embedding.byteOffset, embedding.byteLength).copy(record, KEY_BYTES);
    fs.writeSync(this.#fd, record, 0, record.length, this.#size);
    this.#index.set(keyHex, this.#size + KEY_BYTES);
    this.#size += this.#recordBytes;
  }

  close(): void {
    if (!this.#closed) fs.closeSync(this.#fd);
    this.#closed = true;
  }
}
