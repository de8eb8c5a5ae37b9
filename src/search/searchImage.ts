import type { OrientationPolicy } from '../image/decodeImage.js';
import { imagePixelsKey } from '../store/RenderIndex.js';
import type { ScoringRule } from '../zeroshot/scoringRule.js';
import fs from 'node:fs';
import type { Sample } from '../datasets/dataset.js';
import type { EmbeddingMatrix } from '../zeroshot/zeroShotClassification.js';
import { decodeImage } from '../image/decodeImage.js';
import type { DecodedImage } from '../image/decodedImage.js';
import { toRgba } from '../image/convertImage.js';
import { sampleSeed } from '../run/sampleState.js';
import type { SearchEntry } from '../suite/schema/searchEntrySchema.js';
import { classifyZeroShot, type RankedClass } from '../zeroshot/zeroShotClassification.js';
import { AttackOracle, type Top1 } from './AttackOracle.js';
import { findMinimalAttack, wrongClassTexts } from './findMinimalAttack.js';
import { measureMargins } from './measureMargins.js';
import type { SearchEmbedder } from './SearchEmbedder.js';
import { searchRecordId } from '../results/searchRecord.js';
import type { ErrorRecord, ScoredLabel, SearchRecord } from '../results/searchRecord.js';
import { messageOf } from '../errors/errors.js';
import { sha256Hex } from '../util/hashing.js';

/** What searching the images of one dataset with one model needs. */
export interface SearchContext {
  readonly model: string;
  readonly datasetId: string;
  readonly classes: readonly string[];
  /** Unit-norm class embeddings, one row per class. */
  readonly classEmbeddings: EmbeddingMatrix;
  readonly scoring: ScoringRule;
  /** Clean images, keyed by file SHA-256, and attacked images, keyed by render hash. */
  readonly clean: SearchEmbedder;
  readonly attacked: SearchEmbedder;
  readonly settings: SearchEntry;
  readonly maxPixels: number;
  /** The dataset's EXIF orientation policy; absent = the default (`exif`). */
  readonly orientation?: OrientationPolicy;
}

function errorMessage(error: unknown): string {
  return messageOf(error);
}

/** The ranking of one image embedding over the run's classes (classifyZeroShot: the run's own top-1 and ties). */
function rankingOf(embedding: Float32Array, ctx: SearchContext, k: number): readonly RankedClass[] {
  const [prediction] = classifyZeroShot({ rows: 1, dim: embedding.length, data: embedding }, ctx.classEmbeddings, ctx.classes, ctx.scoring, k);
  return prediction?.topK ?? [];
}

const top1Of = (ranking: readonly RankedClass[]): Top1 => ({ index: ranking[0]?.index ?? -1, probability: ranking[0]?.probability ?? 0 });

/**
 * Searches one image for a minimal successful attack: embeds the clean image, draws attacks
 * (fast-check, seeded from the search seed and the sample id) until one flips the top-1,
 * shrinks it, and bisects its margins. Whatever goes wrong with this image becomes an error
 * record; nothing here throws for one image's sake.
 */
export async function searchImage(sample: Sample, ctx: SearchContext): Promise<SearchRecord> {
  const started = performance.now();
  const sampleId = `${ctx.datasetId}/${sample.id}`;
  const trueIndex = ctx.classes.indexOf(sample.label);
  const imagePath = searchedImageOf(sample);
  const base = { kind: 'search' as const, id: searchRecordId(ctx.model, sampleId), model: ctx.model, sampleId, trueLabel: sample.label, trueIndex, imagePath: imagePath ?? sample.path };
  const failed = (stage: ErrorRecord['stage'], message: string): ErrorRecord => ({ ...base, status: 'error', stage, message, ms: Math.round(performance.now() - started) });
  if (trueIndex < 0) return failed('label', `label '${sample.label}' is not one of the run's ${ctx.classes.length} classes`);
  if (imagePath === undefined) return failed('load', 'a real-world attack image without a clean pair (clean_path): the search writes its own attacks on clean images');

  let decoded: DecodedImage;
  let imageSha256: string;
  try {
    const bytes = fs.readFileSync(imagePath);
    imageSha256 = sha256Hex(bytes);
    decoded = decodeImage(bytes, { path: imagePath, maxPixels: ctx.maxPixels, ...(ctx.orientation === undefined ? {} : { orientation: ctx.orientation }) });
  } catch (error) {
    return failed('load', errorMessage(error));
  }
  let cleanRanking: readonly RankedClass[];
  try {
    cleanRanking = rankingOf((await ctx.clean.embed(imagePixelsKey(imageSha256, ctx.orientation), () => decoded)).embedding, ctx, ctx.classes.length);
  } catch (error) {
    return failed('embed', `embedding the clean image failed: ${errorMessage(error)}`);
  }
  const { settings } = ctx;
  const texts = settings.texts === 'wrongClasses' ? wrongClassTexts(cleanRanking, trueIndex, settings.maxTexts) : [...settings.texts];
  if (texts.length === 0) return failed('search', `no wrong class to write: the run has ${ctx.classes.length} classes, the true one and the predicted one excluded`);

  const cleanTop1 = top1Of(cleanRanking);
  const seed = sampleSeed(settings.seed, sampleId, 0);
  const renderSeed = sampleSeed(settings.seed, sampleId, 1);
  const labelOf = (top1: Top1): ScoredLabel => ({ index: top1.index, label: ctx.classes[top1.index] as string, probability: top1.probability });
  const rgba = toRgba(decoded);
  const oracle = new AttackOracle(
    {
      image: rgba,
      renderSeed,
      cleanTop1,
      ...(settings.goal === 'targeted' ? { targetOf: (spec: { text: string }) => ctx.classes.indexOf(spec.text) } : {}),
      top1Of: (embedding) => top1Of(rankingOf(embedding, ctx, 1)),
      embed: (key, image) => ctx.attacked.embed(key, image),
    },
    settings.maxCallsPerImage,
  );
  try {
    const constraints = { ...settings.space, texts };
    const found = await findMinimalAttack(oracle, constraints, { seed, numRuns: settings.numRuns, ...(settings.timeLimitPerImageS === undefined ? {} : { timeLimitMs: settings.timeLimitPerImageS * 1000 }) });
    const evaluation = found.minimal === undefined ? undefined : await oracle.evaluate(found.minimal);
    const toMinimal = oracle.images;
    const margins = found.minimal === undefined ? {} : await measureMargins(oracle, found.minimal, settings.margins, settings.tolerance);
    const searched = {
      ...base,
      imageSha256,
      width: rgba.width,
      height: rgba.height,
      clean: labelOf(cleanTop1),
      seed,
      renderSeed,
      texts,
      runs: found.runs,
      shrinks: found.shrinks,
      interrupted: found.interrupted,
      budgetSpent: oracle.budgetSpent,
      calls: { evaluations: oracle.evaluations, renders: oracle.renders, modelCalls: oracle.images, toMinimal, computed: oracle.computed },
    };
    const ms = Math.round(performance.now() - started);
    if (found.minimal === undefined || evaluation === undefined || evaluation.kind !== 'rendered') return { ...searched, status: 'held', ms };
    const attacked = labelOf(evaluation.top1);
    return {
      ...searched,
      status: 'flipped',
      attack: {
        spec: found.minimal,
        path: found.path ?? '',
        renderHash: evaluation.renderHash,
        fontSizePx: evaluation.fontSizePx,
        fontFraction: evaluation.fontSizePx / rgba.height,
        attacked,
        targeted: attacked.label === found.minimal.text,
      },
      margins,
      ms,
    };
  } catch (error) {
    return failed('search', errorMessage(error));
  }
}

/**
 * The image a search attacks: the sample's own, or for a real-world attack sample (its image
 * already carries a word) its clean pair; undefined for an unpaired real-world sample.
 */
export function searchedImageOf(sample: Sample): string | undefined {
  return sample.attackText === undefined ? sample.path : sample.cleanPath;
}
