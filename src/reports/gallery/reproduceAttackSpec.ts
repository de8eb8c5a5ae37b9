import { expandPreset } from '../../attacks/presets/expandPreset.js';
import { decodeVariant } from '../../results/outcome.js';
import type { AttackSpec } from '../../attacks/attackSpec.js';
import type { RunManifest } from '../../results/runManifest.js';
import { sampleSeed } from '../../run/sampleState.js';
import { specHash } from '../../util/hashing.js';
import { messageOf } from '../../errors/errors.js';

/** The spec and seed a scored row was rendered with, or why they cannot be had. */
export type ReproducedSpec =
  | { readonly kind: 'spec'; readonly spec: AttackSpec; readonly seed: number }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** The row fields that say which spec it was. */
export interface SpecCoordinates {
  readonly attackId: string;
  readonly sampleId: string;
  readonly variant: string;
  readonly trueLabel: string;
  readonly specHash: string | null;
}

/**
 * Re-derives the attack spec of a result row from the run manifest, as the runner made it: the
 * row's draw (first part of its variant) gives the seed (`sampleSeed` of the attack's base
 * seed, the sample id and the draw); a preset is expanded again with the sample's true label and
 * its dataset's class list, and the spec whose origin path matches the rest of the variant is
 * taken. The result is checked against the row's `specHash`, so a plan that no longer matches
 * the log is reported, never silently shown. Pure (the manifest holds the presets themselves).
 */
export function reproduceAttackSpec(manifest: RunManifest, row: SpecCoordinates): ReproducedSpec {
  const attack = manifest.plan.attacks.find((a) => a.id === row.attackId);
  if (attack === undefined) return { kind: 'unavailable', reason: `attack '${row.attackId}' is not in the run's plan` };
  const variant = decodeVariant(row.variant);
  if (variant === undefined) return { kind: 'unavailable', reason: `variant '${row.variant}' names no draw` };
  const { draw, presetPath = '' } = variant;
  const seed = sampleSeed(attack.seed, row.sampleId, draw);
  let spec: AttackSpec | undefined;
  if (attack.attack.kind === 'spec') spec = attack.attack.spec;
  else {
    const dataset = manifest.plan.datasets.find((d) => row.sampleId.startsWith(`${d.id}/`));
    const classes = dataset === undefined ? undefined : manifest.classes[dataset.id];
    if (classes === undefined) return { kind: 'unavailable', reason: `no class list for sample '${row.sampleId}'` };
    try {
      spec = expandPreset(attack.attack.preset, { label: row.trueLabel, classes, seed }).find((s) => (s.origin?.path ?? '') === presetPath);
    } catch (error) {
      return { kind: 'unavailable', reason: `the preset does not expand again: ${messageOf(error)}` };
    }
  }
  if (spec === undefined) return { kind: 'unavailable', reason: `variant '${row.variant}' is not among the preset's specs` };
  if (row.specHash !== null && specHash(spec) !== row.specHash) return { kind: 'unavailable', reason: 'the plan gives another spec than the one scored (spec hash differs)' };
  return { kind: 'spec', spec, seed };
}
