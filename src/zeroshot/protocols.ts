import { softmax } from './scoringRule.js';
import type { RankedClass } from './zeroShotClassification.js';

/**
 * Evaluation protocols: how a benchmark's authors turned embeddings into a verdict, as plain data,
 * so that stroop's numbers can sit next to theirs. A suite names one (`protocol:`); every report
 * says which produced its numbers.
 *
 * - `zero-shot` (stroop's own): the suite's classes and templates; templates ensembled the way
 *   OpenAI's zero-shot notebook does (each prompt normalised, averaged, normalised); the model's
 *   scoring rule over every class.
 * - `all-labels`: Defense-Prefix's protocol for RTA-100 and PAINT (Azuma & Matsui, ICCV 2023):
 *   one template, "a photo of a {}.", top-1 over every object label plus every attack word.
 * - `scam-binary`: SCAM's protocol (Westerhoff et al. 2025, `main_vlm_openclip.py` of
 *   github.com/Bliss-e-V/SCAM): for each image a two-way choice between its object label and its
 *   attack word; each word's text embedding is the mean of its 32 prompt embeddings, normalised
 *   after averaging; logits = logit scale x cosine; a softmax over the two; the object wins only
 *   when its probability is higher (a tie goes to the attack word).
 */
export const protocolNames = ['zero-shot', 'all-labels', 'scam-binary'] as const;
export type ProtocolName = (typeof protocolNames)[number];

/** The protocol of a suite that names none. */
export const defaultProtocol: ProtocolName = 'zero-shot';

/**
 * How a class's prompt embeddings become one class embedding: `normalized-mean` normalises each
 * prompt embedding before averaging (OpenAI); `raw-mean` averages them as the text encoder returns
 * them (SCAM's script: `encode_text(prompts).mean(0)`); both normalise the mean.
 */
export type PromptEnsemble = 'normalized-mean' | 'raw-mean';

/** What a protocol fixes; `undefined` leaves the choice to the suite. */
export interface Protocol {
  readonly name: ProtocolName;
  /** One line for reports: what it is and where it comes from. */
  readonly description: string;
  /** The class-set rule every dataset must use. */
  readonly classes?: 'labels+attack-texts';
  /** The shipped template set (datasets/templates/) the protocol prompts with. */
  readonly templates?: string;
  readonly ensemble: PromptEnsemble;
  /** `all`: every class competes; `label-vs-attack-text`: only the sample's label and its attack text. */
  readonly candidates: 'all' | 'label-vs-attack-text';
  /** Whether rendered attacks may run under it (a two-way choice has one written word per image: the dataset's). */
  readonly renderedAttacks: boolean;
}

const protocols: Readonly<Record<ProtocolName, Protocol>> = {
  'zero-shot': {
    name: 'zero-shot',
    description: "stroop's zero-shot protocol: the suite's classes and templates, the model's scoring rule over every class",
    ensemble: 'normalized-mean',
    candidates: 'all',
    renderedAttacks: true,
  },
  'all-labels': {
    name: 'all-labels',
    description: 'Defense-Prefix (Azuma & Matsui 2023): "a photo of a {}.", top-1 over every object label and attack word',
    classes: 'labels+attack-texts',
    templates: 'single',
    ensemble: 'normalized-mean',
    candidates: 'all',
    renderedAttacks: true,
  },
  'scam-binary': {
    name: 'scam-binary',
    description: "SCAM (Westerhoff et al. 2025): object label vs attack word per image, SCAM's 32 templates averaged, softmax over the two",
    classes: 'labels+attack-texts',
    templates: 'scam',
    ensemble: 'raw-mean',
    candidates: 'label-vs-attack-text',
    renderedAttacks: false,
  },
};

/** The protocol of a name. */
export function protocolOf(name: ProtocolName): Protocol {
  return protocols[name];
}

/**
 * A two-way (or n-way) choice among some classes only: logits = logitScale x cosine of the unit
 * image row with each candidate's unit class row, probabilities a softmax over the candidates (a
 * bias common to all would cancel, so none is added), best first. Ties rank the later candidate
 * first, so with `[label, attack word]` a tie goes to the attack word, as in SCAM's script.
 *
 * @param image one unit-norm image embedding.
 * @param classEmbeddings unit-norm class rows, `dim` wide.
 * @param candidates class indices, distinct.
 */
export function rankCandidates(
  image: Float32Array,
  classEmbeddings: { readonly dim: number; readonly data: Float32Array },
  classNames: readonly string[],
  candidates: readonly number[],
  logitScale: number,
): RankedClass[] {
  const { dim, data } = classEmbeddings;
  const logits = candidates.map((c) => {
    let dot = 0;
    for (let i = 0; i < dim; i++) dot += (image[i] ?? 0) * (data[c * dim + i] ?? 0);
    return logitScale * dot;
  });
  const probabilities = softmax(logits);
  const order = candidates.map((_, i) => i).sort((a, b) => (logits[b] ?? 0) - (logits[a] ?? 0) || b - a);
  return order.map((i) => ({
    index: candidates[i] as number,
    label: classNames[candidates[i] as number] ?? '',
    probability: probabilities[i] ?? 0,
    logit: logits[i] ?? 0,
  }));
}
