import type { EmbeddingEngine } from '../engines/embeddingEngine.js';
import type { EmbeddingMatrix } from '../zeroshot/zeroShotClassification.js';
import { RunError } from '../errors/errors.js';
import type { ModelConfig } from '../families/modelFamily.js';
import type { ScoringRule } from '../zeroshot/scoringRule.js';

/** What a run needs to know about an engine before it embeds anything (memoised per model in the cache). */
export interface EngineFacts {
  /** Registry id, e.g. `onnx`. */
  readonly engine: string;
  readonly backend: string;
  readonly scoring: ScoringRule;
}

/** Whether two scoring rules are the same rule with the same scalars. */
function sameScoring(a: ScoringRule, b: ScoringRule): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * An engine that opens the real one on its first embed call. A warm run, whose embeddings are all
 * cached, scores with the remembered scoring rule and never pays for loading the model (seconds
 * for a ViT-B/32 in ONNX Runtime). When it does open, the real engine must agree with the facts.
 */
export class LazyEngine implements EmbeddingEngine {
  readonly engine: string;
  readonly backend: string;
  readonly scoring: ScoringRule;
  #opening: Promise<EmbeddingEngine> | undefined;
  #opened: EmbeddingEngine | undefined;
  #disposed = false;

  constructor(
    readonly config: ModelConfig,
    facts: EngineFacts,
    private readonly open: () => Promise<EmbeddingEngine>,
    /** Names the model in errors. */
    private readonly modelDir: string,
  ) {
    this.engine = facts.engine;
    this.backend = facts.backend;
    this.scoring = facts.scoring;
  }

  /** Whether the real engine has been opened. */
  get opened(): boolean {
    return this.#opened !== undefined;
  }

  #live(): Promise<EmbeddingEngine> {
    this.#opening ??= this.open().then((engine) => {
      if (this.#disposed) {
        engine.dispose();
        throw new RunError(`The engine for ${this.modelDir} was disposed while it opened.`, this.modelDir);
      }
      this.#opened = engine;
      if (engine.engine !== this.engine || !sameScoring(engine.scoring, this.scoring)) {
        throw new RunError(
          `The ${engine.engine} engine for ${this.modelDir} scores with ${JSON.stringify(engine.scoring)}, but the cache remembers ${this.engine} with ${JSON.stringify(this.scoring)}; delete the cache's engine-*.json for this model and run again.`,
          this.modelDir,
        );
      }
      return engine;
    });
    return this.#opening;
  }

  async embedImages(pixelValues: Float32Array, count: number): Promise<EmbeddingMatrix> {
    return (await this.#live()).embedImages(pixelValues, count);
  }

  async embedTexts(inputIds: Int32Array, count: number): Promise<EmbeddingMatrix> {
    return (await this.#live()).embedTexts(inputIds, count);
  }

  /** Frees the real engine if it was opened. Safe to call more than once. */
  dispose(): void {
    this.#disposed = true;
    this.#opened?.dispose();
    this.#opened = undefined;
  }
}
