import os from 'node:os';
import { rendererVersions } from '../attacks/render/rendererVersions.js';
import { stroopVersion } from '../packageRoot.js';
import { gitCommit } from './gitCommit.js';
import type { RunProvenance } from './runManifest.js';

/** What produced the results of an output directory: this stroop, renderer and host, and when the first process started. */
export function runProvenance(startedAt: string | undefined): RunProvenance {
  return {
    stroopVersion,
    startedAt: startedAt ?? new Date().toISOString(),
    renderer: rendererVersions(),
    host: { platform: process.platform, arch: process.arch, node: process.version, cpus: os.availableParallelism() },
    gitCommit: gitCommit(),
  };
}
