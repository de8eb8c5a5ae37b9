import os from 'node:os';
import { rendererVersions } from '../attacks/render/rendererVersions.js';
import { imageDecoders } from '../image/imageDecoders.js';
import { stroopVersion } from '../packageRoot.js';
import { gitCommit } from './gitCommit.js';
import type { RunProvenance } from './runManifest.js';

/** What produced the results of an output directory: this stroop, renderer, image decoders and host, and when the first process started. */
export function runProvenance(startedAt: string | undefined): RunProvenance {
  return {
    stroopVersion,
    startedAt: startedAt ?? new Date().toISOString(),
    renderer: rendererVersions(),
    decoders: imageDecoders(),
    host: { platform: process.platform, arch: process.arch, node: process.version, cpus: os.availableParallelism() },
    gitCommit: gitCommit(),
  };
}
