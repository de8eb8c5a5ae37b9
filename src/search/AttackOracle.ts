import { renderAttack } from '../attacks/render/renderAttack.js';
import type { AttackSpec } from '../attacks/attackSpec.js';
import type { DecodedImage } from '../image/decodedImage.js';
import { fromRgba } from '../image/convertImage.js';
import type { RgbaImage } from '../image/rgbaImage.js';
import { specHash } from '../util/hashing.js';
import type { EmbeddedImage } from './SearchEmbedder.js';

/** The model's top-1 on an image embedding: class index and probability (by the model's scoring rule). */
export interface Top1 {
  readonly index: number;
  readonly probability: number;
}

/** What one attack did to one image. */
export type AttackEvaluation =
  | {
      readonly kind: 'rendered';
      /** The attack succeeded: the attacked top-1 differs from the clean top-1 (and, for a targeted search, is the written word's class). */
      readonly flipped: boolean;
      readonly top1: Top1;
      /** SHA-256 of the attacked RGBA bytes. */
      readonly renderHash: string;
      /** Font size drawn after shrink-to-fit, px. */
      readonly fontSizePx: number;
    }
  /** The attack cannot be drawn on this image (too big, missing glyphs): it cannot flip anything. */
  | { readonly kind: 'unrenderable'; readonly flipped: false; readonly reason: string }
  /** Not evaluated: the image's budget of distinct attacked images is spent. */
  | { readonly kind: 'overBudget'; readonly flipped: false };

/** The one image a search attacks, and how to judge an attack on it. */
export interface OracleTarget {
  readonly image: RgbaImage;
  /** Drives random placement and spelling perturbation positions (see renderAttack). */
  readonly renderSeed: number;
  readonly cleanTop1: Top1;
  /** Class index the attack must reach (the written word's class) for a targeted search; absent = any other class counts. */
  readonly targetOf?: (spec: AttackSpec) => number;
  /** Top-1 of an image embedding (zero-shot over the run's classes). */
  readonly top1Of: (embedding: Float32Array) => Top1;
  /** Embeds an image by key (see SearchEmbedder). */
  readonly embed: (key: string, image: () => DecodedImage) => Promise<EmbeddedImage>;
}

/**
 * Answers "does this attack flip the image's prediction?" for one image, remembering every
 * answer: an attack evaluated twice (fast-check revisits values while shrinking, bisection revisits
 * endpoints) is drawn and embedded once, and two attacks that draw the same pixels share one
 * embedding. At most `maxImages` distinct attacked images are evaluated; past that, an attack
 * not seen before is `overBudget`, without drawing it. Render failures other than
 * unrenderable (a bug or a bad image) propagate.
 */
export class AttackOracle {
  readonly #bySpec = new Map<string, AttackEvaluation>();
  readonly #byRender = new Map<string, Top1>();
  /** Questions asked, answered from memory or not. */
  evaluations = 0;
  /** Attacks drawn. */
  renders = 0;
  /** Distinct attacked images whose prediction was needed (the model calls the search cost, cached on disk or not). */
  images = 0;
  /** Of those, images the engine computed in this process. */
  computed = 0;
  /** Whether some attack went unevaluated for the budget. */
  budgetSpent = false;

  constructor(
    private readonly target: OracleTarget,
    /** >= 1. */
    private readonly maxImages: number,
  ) {}

  async evaluate(spec: AttackSpec): Promise<AttackEvaluation> {
    this.evaluations += 1;
    const { origin: _origin, ...drawn } = spec;
    const key = specHash(drawn);
    const known = this.#bySpec.get(key);
    if (known !== undefined) return known;
    if (this.images >= this.maxImages) {
      this.budgetSpent = true;
      return { kind: 'overBudget', flipped: false };
    }
    this.renders += 1;
    const rendered = renderAttack(this.target.image, spec, this.target.renderSeed);
    let evaluation: AttackEvaluation;
    if (rendered.kind === 'unrenderable') evaluation = { kind: 'unrenderable', flipped: false, reason: rendered.message };
    else {
      let top1 = this.#byRender.get(rendered.hash);
      if (top1 === undefined) {
        this.images += 1;
        const embedded = await this.target.embed(rendered.hash, () => fromRgba(rendered.image));
        if (embedded.computed) this.computed += 1;
        top1 = this.target.top1Of(embedded.embedding);
        this.#byRender.set(rendered.hash, top1);
      }
      const flipped = top1.index !== this.target.cleanTop1.index && (this.target.targetOf === undefined || top1.index === this.target.targetOf(spec));
      evaluation = { kind: 'rendered', flipped, top1, renderHash: rendered.hash, fontSizePx: rendered.fontSizePx };
    }
    this.#bySpec.set(key, evaluation);
    return evaluation;
  }
}
