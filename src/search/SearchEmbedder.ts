import type { EmbeddingEngine } from '../engines/embeddingEngine.js';
import type { DecodedImage } from '../image/decodedImage.js';
import { preprocessInto } from '../image/preprocessImage.js';
import type { PreprocessorConfig } from '../model/preprocessorConfig.js';
import type { EmbeddingStore } from '../store/EmbeddingStore.js';

interface Waiting {
  readonly key: string;
  readonly pixels: Float32Array;
  readonly resolve: (embedding: Float32Array) => void;
  readonly reject: (error: unknown) => void;
}

/** An embedding, and whether this call had the engine compute it (false: memory or disk cache). */
export interface EmbeddedImage {
  readonly embedding: Float32Array;
  readonly computed: boolean;
}

/** Engine batches in flight at once: one embeds while the next fills. */
const MAX_IN_FLIGHT = 2;

/**
 * Embeds images for many concurrent searches, one image per call, in shared engine batches: a
 * call waits until `batch` images are waiting or the event loop has nothing else to do, then goes
 * out with the others. Images are keyed by their hash (SHA-256 of the file or of the rendered RGBA
 * bytes) and every computed embedding goes into `store`, so no image is embedded twice, in this
 * process or a re-run.
 */
export class SearchEmbedder {
  /** Images waiting or being embedded: a second call for one joins the first. */
  readonly #pending = new Map<string, Promise<Float32Array>>();
  readonly #waiting: Waiting[] = [];
  readonly #perImage: number;
  #scheduled = false;
  #inFlight = 0;

  constructor(
    private readonly engine: EmbeddingEngine,
    private readonly preprocessor: PreprocessorConfig,
    private readonly batch: number,
    private readonly store: EmbeddingStore,
  ) {
    const { numChannels, imageSize } = engine.config.vision;
    this.#perImage = numChannels * imageSize * imageSize;
  }

  /** The projected (not normalised) embedding of the image `key`; `image` is called only when it must be computed. */
  async embed(key: string, image: () => DecodedImage): Promise<EmbeddedImage> {
    const joined = this.#pending.get(key);
    if (joined !== undefined) return { embedding: await joined, computed: false };
    const cached = this.store.get(key);
    if (cached !== undefined) return { embedding: cached, computed: false };
    const pixels = new Float32Array(this.#perImage);
    preprocessInto(image(), this.preprocessor, pixels, 0);
    const pending = new Promise<Float32Array>((resolve, reject) => this.#waiting.push({ key, pixels, resolve, reject }));
    this.#pending.set(key, pending);
    // Once settled, the store has it (or, failed, the next call tries again).
    pending.then(
      () => this.#pending.delete(key),
      () => this.#pending.delete(key),
    );
    this.#schedule();
    return { embedding: await pending, computed: true };
  }

  #schedule(): void {
    if (this.#waiting.length >= this.batch) this.#pump();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        this.#pump();
      });
    }
  }

  #pump(): void {
    while (this.#waiting.length > 0 && this.#inFlight < MAX_IN_FLIGHT) {
      const group = this.#waiting.splice(0, this.batch);
      const pixels = new Float32Array(group.length * this.#perImage);
      group.forEach((w, i) => pixels.set(w.pixels, i * this.#perImage));
      this.#inFlight += 1;
      this.engine
        .embedImages(pixels, group.length)
        .then(
          (out) =>
            group.forEach((w, i) => {
              const embedding = out.data.slice(i * out.dim, (i + 1) * out.dim);
              this.store.put(w.key, embedding);
              w.resolve(embedding);
            }),
          (error: unknown) => group.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          this.#inFlight -= 1;
          this.#pump();
        });
    }
  }
}
