import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RunError } from '../errors/errors.js';
import { prepareBenchSuite, type BenchModel } from './benchSuite.js';
import { spreadOf, type Spread } from './measurements.js';

export interface WarmCacheOptions {
  readonly model: BenchModel;
  readonly batch: number;
  /** Samples of the suite, each a distinct synthetic 224 px image. */
  readonly samples: number;
  readonly presets: readonly string[];
  /** Warm re-runs after the cold one, >= 1. */
  readonly warmRuns: number;
  readonly workDir: string;
  readonly onRun?: (name: string, seconds: number) => void;
}

export interface WarmCacheReport {
  readonly samples: number;
  /** Wall time of `stroop run` with an empty cache, s (process start to exit, reports included). */
  readonly coldSeconds: number;
  /** Wall time of each re-run of the unchanged suite into a new output folder, same cache, s. */
  readonly warmSeconds: Spread;
  /** coldSeconds / median warm seconds. The target is >= 20. */
  readonly ratio: number;
  /** Whether every warm run's results.jsonl equals the cold run's byte for byte. */
  readonly identical: boolean;
}

const cliMain = fileURLToPath(new URL('../cli/main.js', import.meta.url));

/** Runs `stroop run <suite> --out <outDir>` in a child process; resolves to its wall time in s. */
function timeCliRun(suite: string, outDir: string, cacheDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [cliMain, 'run', suite, '--out', outDir], {
      env: { ...process.env, STROOP_CACHE_DIR: cacheDir, CI: 'true' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve((performance.now() - start) / 1000);
      else reject(new RunError(`stroop run ${suite} --out ${outDir} exited with ${code}: ${stderr.trim().split('\n').pop() ?? ''}`, outDir));
    });
  });
}

/**
 * Warm cache: `stroop run` of a synthetic suite with an empty cache, then `warmRuns` re-runs of
 * the unchanged suite, each into a new output folder with the same cache (as CI re-running a
 * job would), timed as whole processes. The warm runs' result logs must equal the cold one's.
 */
export async function benchWarmCache(options: WarmCacheOptions): Promise<WarmCacheReport> {
  const { workDir } = options;
  const suite = prepareBenchSuite(workDir, { model: options.model, samples: options.samples, images: options.samples, size: 224, presets: options.presets, batch: options.batch });
  const cacheDir = path.join(workDir, 'cache');
  const log = (name: string) => fs.readFileSync(path.join(workDir, name, 'results.jsonl'));
  const coldSeconds = await timeCliRun(suite.file, path.join(workDir, 'cold'), cacheDir);
  options.onRun?.('cold', coldSeconds);
  const cold = log('cold');
  const warm: number[] = [];
  let identical = true;
  for (let i = 1; i <= options.warmRuns; i++) {
    const name = `warm-${i}`;
    warm.push(await timeCliRun(suite.file, path.join(workDir, name), cacheDir));
    options.onRun?.(name, warm[warm.length - 1] as number);
    identical &&= log(name).equals(cold);
  }
  const warmSeconds = spreadOf(warm);
  return { samples: options.samples, coldSeconds, warmSeconds, ratio: coldSeconds / warmSeconds.median, identical };
}
