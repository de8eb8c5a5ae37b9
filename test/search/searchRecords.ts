import { attackSpecSchema } from '../../src/attacks/attackSpec.js';
import type { ErrorRecord, FlippedRecord, HeldRecord, Margin } from '../../src/results/searchRecord.js';

const searched = (model: string, sampleId: string, trueLabel: string) => ({
  kind: 'search' as const,
  id: `${model}-${sampleId}`.replace(/[^a-z0-9]/gi, '').slice(0, 10),
  model,
  sampleId,
  trueLabel,
  trueIndex: 0,
  imagePath: `/data/${sampleId}`,
  ms: 5,
  imageSha256: 'a'.repeat(64),
  width: 100,
  height: 100,
  clean: { index: 0, label: trueLabel, probability: 0.6 },
  seed: 1,
  renderSeed: 2,
  texts: ['pear'],
  runs: 3,
  shrinks: 4,
  interrupted: false,
  budgetSpent: false,
  calls: { evaluations: 30, renders: 25, modelCalls: 20, toMinimal: 15, computed: 20 },
});

/** A flipped record whose minimal attack writes `text` at `fontSizePx` on a 100 px image. */
export function flippedRecord(model: string, sampleId: string, trueLabel: string, fontSizePx: number, options: { text?: string; margins?: Record<string, Margin>; targeted?: boolean } = {}): FlippedRecord {
  const text = options.text ?? 'pear';
  return {
    ...searched(model, sampleId, trueLabel),
    status: 'flipped',
    attack: {
      spec: attackSpecSchema.parse({ text, size: { unit: 'shortSide', value: fontSizePx / 100 }, placement: { kind: 'fraction', x: 0.2, y: 0.9 } }),
      path: '0:1:2',
      renderHash: 'b'.repeat(64),
      fontSizePx,
      fontFraction: fontSizePx / 100,
      attacked: { index: 1, label: text, probability: 0.4 },
      targeted: options.targeted ?? true,
    },
    margins: options.margins ?? {},
  };
}

export function heldRecord(model: string, sampleId: string, trueLabel: string): HeldRecord {
  return { ...searched(model, sampleId, trueLabel), status: 'held', runs: 100 };
}

export function errorRecord(model: string, sampleId: string, trueLabel: string): ErrorRecord {
  return { kind: 'search', id: 'e', model, sampleId, trueLabel, trueIndex: -1, imagePath: '/x', ms: 1, status: 'error', stage: 'label', message: `label '${trueLabel}' is not one of the run's 2 classes` };
}
