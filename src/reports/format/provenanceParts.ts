import type { RunSummary } from '../writeRunReports.js';
import { runtimeLabel } from './runtimeLabel.js';

/** Characters of a SHA-256 shown in reports: enough to tell files apart at a glance. */
export const shaPrefixLength = 12;

/** One model's provenance, as plain strings (not escaped). */
export interface ModelProvenanceParts {
  readonly id: string;
  /** `tfjs/wasm fp32`. */
  readonly runtime: string;
  /** `model.safetensors 7034322b4ca2`, one per file. */
  readonly files: readonly string[];
}

/** What a report must say about where its numbers came from, as plain strings (not escaped). */
export interface ProvenanceParts {
  /** `stroop 0.1.0`. */
  readonly version: string;
  /** `commit 9761d5b` or `commit unknown`. */
  readonly commit: string;
  readonly models: readonly ModelProvenanceParts[];
  /** `sticker seed 0 x1`, one per attack. */
  readonly seeds: readonly string[];
  /** `suite smoke, plan 4831853495974b`. */
  readonly plan: string;
  readonly generatedAt: string;
}

/** The provenance of a run summary as short strings, for the Markdown and HTML reports. */
export function provenanceParts(summary: RunSummary): ProvenanceParts {
  return {
    version: `stroop ${summary.stroopVersion}`,
    commit: `commit ${summary.gitCommit === null ? 'unknown' : summary.gitCommit.slice(0, shaPrefixLength)}`,
    models: Object.values(summary.models).map((m) => ({
      id: m.id,
      runtime: runtimeLabel(m),
      files: m.files.map((f) => `${f.file} ${f.sha256.slice(0, shaPrefixLength)}`),
    })),
    seeds: summary.attacks.map((a) => `${a.id} seed ${a.seed} x${a.n}`),
    plan: `suite ${summary.suite}, plan ${summary.planHash.slice(0, shaPrefixLength)}`,
    generatedAt: summary.generatedAt,
  };
}
