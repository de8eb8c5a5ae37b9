import type { EmbeddingEngine } from '../engines/embeddingEngine.js';
import { messageOf } from '../errors/errors.js';

interface Pending {
  readonly keys: string[];
  /** Allocated on the first slot: a batch whose images are all cached costs no memory. */
  pixels: Float32Array | undefined;
  count: number;
}

/**
 * Collects preprocessed images and embeds them `batch` at a time, double-buffered: while the
 * engine embeds one batch, the caller renders and preprocesses the next (engines that run off
 * the main thread, like ONNX Runtime, then overlap with rendering).
 */
export class EmbedQueue {
  readonly #perImage: number;
  #filling: Pending;
  #inFlight: Promise<void> = Promise.resolve();
  readonly #queued = new Set<string>();

  constructor(
    private readonly engine: EmbeddingEngine,
    private readonly batch: number,
    /** Called with each embedding as its batch finishes. */
    private readonly onEmbedded: (key: string, embedding: Float32Array) => void,
    /** Called for each image of a batch the engine failed on (the run records it and goes on). */
    private readonly onFailed: (key: string, message: string) => void,
    /**
     * Pixel buffers of finished batches, reused (and shared with later queues of the same run):
     * a fresh batch-sized buffer per batch costs page faults and garbage collection.
     */
    private readonly spare: Float32Array[] = [],
  ) {
    const { numChannels, imageSize } = engine.config.vision;
    this.#perImage = numChannels * imageSize * imageSize;
    this.#filling = this.#fresh();
  }

  #fresh(): Pending {
    return { keys: [], pixels: undefined, count: 0 };
  }

  /** True when `key` is queued or being embedded (so the same image is embedded once). */
  has(key: string): boolean {
    return this.#queued.has(key);
  }

  /** Reserves the next slot for `key`; the caller writes its pixels into the returned view. */
  async slot(key: string): Promise<Float32Array> {
    if (this.#filling.count === this.batch) await this.flush();
    const filling = this.#filling;
    filling.pixels ??= this.spare.pop() ?? new Float32Array(this.batch * this.#perImage);
    const index = filling.count++;
    filling.keys.push(key);
    this.#queued.add(key);
    return filling.pixels.subarray(index * this.#perImage, (index + 1) * this.#perImage);
  }

  /** Starts embedding what is queued (after the batch in flight has finished). */
  async flush(): Promise<void> {
    await this.#inFlight;
    const batch = this.#filling;
    if (batch.count === 0 || batch.pixels === undefined) return;
    this.#filling = this.#fresh();
    const { pixels } = batch;
    const done = (key: string) => this.#queued.delete(key);
    this.#inFlight = this.engine
      .embedImages(pixels.subarray(0, batch.count * this.#perImage), batch.count)
      .then(
        (out) => batch.keys.forEach((key, i) => done(key) && this.onEmbedded(key, out.data.slice(i * out.dim, (i + 1) * out.dim))),
        (error: unknown) => batch.keys.forEach((key) => done(key) && this.onFailed(key, messageOf(error))),
      )
      .finally(() => this.spare.push(pixels));
  }

  /** Embeds everything queued and waits for it. */
  async drain(): Promise<void> {
    await this.flush();
    await this.#inFlight;
  }
}
