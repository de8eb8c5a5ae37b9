import fs from 'node:fs';
import type { OutputManifest } from './runManifest.js';
import { runProvenance } from './runProvenance.js';
import { writeJsonAtomically } from './jsonFiles.js';

/**
 * Starts (or resumes) writing into an output directory: writes its manifest with this process's
 * provenance (a resume keeps the first start time and the models and classes already recorded)
 * and creates the empty result log when there is none yet. The caller has checked that
 * `previous` is of the same plan, and holds the directory's lock (OutputDirLock) from before it read
 * the log until it stops writing.
 */
export function startOutputManifest<Plan>(manifestFile: string, logFile: string, previous: OutputManifest<Plan> | undefined, planHash: string, plan: Plan): OutputManifest<Plan> {
  const manifest: OutputManifest<Plan> = {
    ...runProvenance(previous?.startedAt),
    planHash,
    plan,
    models: { ...(previous?.models ?? {}) },
    classes: { ...(previous?.classes ?? {}) },
  };
  writeJsonAtomically(manifestFile, manifest);
  if (!fs.existsSync(logFile)) fs.writeFileSync(logFile, '');
  return manifest;
}
