import { expandPrompts } from '../zeroshot/classEmbeddings.js';
import fc from 'fast-check';
import type { AttackSpec } from '../attacks/attackSpec.js';
import { attackSpecArb, type AttackConstraintsInput } from '../attacks/attackSpecArb.js';
import { renderAttack } from '../attacks/render/renderAttack.js';
import { embedClassPrompts } from '../embed/embedPromptTexts.js';
import type { Device, Dtype, EmbeddingEngine } from '../engines/embeddingEngine.js';
import { openModel } from '../engines/openModel.js';
import { loadModelTokenizer } from '../families/loadModel.js';
import type { LoadedModel } from '../families/modelFamily.js';
import { preprocessRgba } from '../image/preprocessImage.js';
import type { RgbaImage } from '../image/rgbaImage.js';
import { classifyZeroShot, type EmbeddingMatrix, type Prediction } from '../zeroshot/zeroShotClassification.js';

/** How {@link openZeroShotClassifier} opens a model. */
export interface ZeroShotClassifierOptions {
  /** A model directory in Hugging Face layout, or a hub id `org/name[@revision]` (fetched once into the Hugging Face cache). */
  readonly model: string;
  /** The class names to choose among (at least one). */
  readonly classes: readonly string[];
  /** Prompt templates with `{}` for the class name; default `a photo of a {}.` Each class embedding averages all of them. */
  readonly templates?: readonly string[];
  /** `auto` (onnx when the model has ONNX files, else tfjs), `onnx` or `tfjs`; default auto. */
  readonly engine?: string;
  /** Default auto. */
  readonly device?: Device | 'auto';
  /** Default fp32. */
  readonly dtype?: Dtype;
  /** Use only the Hugging Face cache for hub ids. */
  readonly offline?: boolean;
  /** Ranked classes per prediction, >= 1; default 5. */
  readonly topK?: number;
}

/** A model and a class list: zero-shot predictions for RGBA images. */
export interface ZeroShotClassifier {
  readonly model: LoadedModel;
  readonly engine: EmbeddingEngine;
  readonly classes: readonly string[];
  /** The prompt-ensembled class embeddings, `classes x dim`, normalised. */
  readonly classEmbeddings: EmbeddingMatrix;
  /** Ranked classes of each image (best first), as the model's processor and scoring rule give them. */
  classify(images: readonly RgbaImage[]): Promise<Prediction[]>;
  /** Frees the engine. Safe to call more than once. */
  dispose(): void;
}

/** Opens a model and embeds the class prompts once; `classify` then costs one image-tower call per batch. */
export async function openZeroShotClassifier(options: ZeroShotClassifierOptions): Promise<ZeroShotClassifier> {
  if (options.classes.length === 0) throw new RangeError('openZeroShotClassifier needs at least one class name.');
  const templates = options.templates ?? ['a photo of a {}.'];
  expandPrompts(options.classes, templates); // refuses blank names and templates without '{}' before a model is opened
  const { model, engine } = await openModel({
    model: options.model,
    engine: options.engine ?? 'auto',
    device: options.device ?? 'auto',
    ...(options.dtype === undefined ? {} : { dtype: options.dtype }),
    offline: options.offline === true,
  });
  try {
    const classEmbeddings = await embedClassPrompts(engine, await loadModelTokenizer(model), options.classes, templates);
    const classes = [...options.classes];
    const topK = options.topK ?? 5;
    return {
      model,
      engine,
      classes,
      classEmbeddings,
      async classify(images) {
        const planes = images.map((image) => preprocessRgba(image, model.preprocessor));
        const size = planes[0]?.length ?? 0;
        const pixels = new Float32Array(images.length * size);
        planes.forEach((plane, i) => pixels.set(plane, i * size));
        const embedded = await engine.embedImages(pixels, images.length);
        return classifyZeroShot(embedded, classEmbeddings, classes, engine.scoring, topK);
      },
      dispose: () => engine.dispose(),
    };
  } catch (error) {
    engine.dispose();
    throw error;
  }
}

/** What {@link topOneSurvivesAttacks} tests: one image, its true class, and the attacks to try. */
export interface SurvivalCase {
  readonly image: RgbaImage;
  /** The class the model must keep as its top-1 (one of the classifier's classes). */
  readonly trueClass: string;
  /** Bounds of the attacks drawn (text, font, size, colour, placement...); default stroop's defaults. */
  readonly constraints?: AttackConstraintsInput;
  /** Seed of the renderer's own randomness (random placement, spelling perturbation), fixed so that shrinking changes only the spec; default 0. */
  readonly renderSeed?: number;
}

/**
 * "This model's top-1 survives these typographic attacks" as a fast-check property: each run
 * draws an attack spec (seeded, shrinkable), renders it onto the image and classifies the
 * result; the property fails when the top-1 is no longer `trueClass`, and fast-check shrinks the
 * attack to a minimal one and prints the seed and path that replay it. An attack that cannot be
 * drawn on the image (text too large) is skipped, not counted as a failure.
 *
 * @example
 * await fc.assert(topOneSurvivesAttacks(classifier, { image, trueClass: 'apple' }), { seed: 42, numRuns: 50 });
 */
export function topOneSurvivesAttacks(classifier: ZeroShotClassifier, survival: SurvivalCase): fc.IAsyncPropertyWithHooks<[AttackSpec]> {
  if (!classifier.classes.includes(survival.trueClass)) {
    throw new RangeError(`trueClass '${survival.trueClass}' is not one of the classifier's classes (${classifier.classes.join(', ')}).`);
  }
  return fc.asyncProperty(attackSpecArb(survival.constraints ?? {}), async (spec) => {
    const rendered = renderAttack(survival.image, spec, survival.renderSeed ?? 0);
    fc.pre(rendered.kind === 'rendered');
    if (rendered.kind !== 'rendered') return true;
    const [prediction] = await classifier.classify([rendered.image]);
    return prediction?.topK[0]?.label === survival.trueClass;
  });
}
