import { RecordFile } from './RecordFile.js';

/**
 * A disk cache of embeddings keyed by a SHA-256 (of an image file, a rendered image's RGBA
 * bytes, a prompt): one append-only file of fixed-size records `[32-byte key][dim float32]`
 * (see RecordFile), indexed in memory when opened. A record torn by a killed process is cut off on open.
 */
export class EmbeddingStore {
  readonly #records: RecordFile;

  private constructor(
    records: RecordFile,
    /** Values per embedding, >= 1. */
    readonly dim: number,
  ) {
    this.#records = records;
  }

  static open(file: string, dim: number): EmbeddingStore {
    return new EmbeddingStore(RecordFile.open(file, 4 * dim), dim);
  }

  get file(): string {
    return this.#records.file;
  }

  get size(): number {
    return this.#records.size;
  }

  has(keyHex: string): boolean {
    return this.#records.has(keyHex);
  }

  /** The stored embedding, or undefined. */
  get(keyHex: string): Float32Array | undefined {
    const bytes = this.#records.read(keyHex);
    return bytes === undefined ? undefined : new Float32Array(bytes.buffer, bytes.byteOffset, this.dim);
  }

  /** Stores an embedding (first write wins: the same key means the same input). */
  put(keyHex: string, embedding: Float32Array): void {
    if (embedding.length !== this.dim) throw new RangeError(`Bad cache record for ${this.file}: ${embedding.length} values for dim ${this.dim}.`);
    this.#records.append(keyHex, new Uint8Array(embedding.buffer, embedding.byteOffset, embedding.byteLength));
  }

  close(): void {
    this.#records.close();
  }
}
