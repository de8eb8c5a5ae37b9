import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../helpers/paths.js';
import { fuzzTargets } from './fuzzTargets.js';

/**
 * Fuzzes one target (see fuzzTargets) in a child process and says how it went. Every input must
 * give a result or a StroopError; anything else fails: another exception, a case that runs past
 * the time limit (the child is killed), a crash, or a peak RSS over the memory limit. A failing
 * input is saved under test/fixtures/fuzz-regressions/<target>/ and replayed first by every
 * later run. Failures that are known and not fixed yet are listed, with the error they give, in
 * test/fixtures/fuzz-regressions/known-failures.json: they are tolerated (and counted), and
 * their regression files must keep failing - once one passes, the test asks to delete its entry.
 *
 * Environment: STROOP_FUZZ_RUNS (cases per target; default the target's, a few hundred),
 * STROOP_FUZZ_SEED (default fixed per target, random when STROOP_FUZZ_RUNS is set),
 * STROOP_FUZZ_CASE_MS (time limit per case, default 10000), STROOP_FUZZ_MAX_RSS_MB (default 1536).
 */

export const regressionsDir = path.join(repoRoot, 'test', 'fixtures', 'fuzz-regressions');
const knownFailuresFile = path.join(regressionsDir, 'known-failures.json');

/** A failure that is known and reported, not fixed yet. */
interface KnownFailure {
  readonly target: string;
  /** Regular expression matched against `<error name>: <message>`. */
  readonly error: string;
  /** Regression files (relative to fuzz-regressions/) that show it. */
  readonly files: readonly string[];
  /** Where it is, and who was told. */
  readonly note: string;
}

/** What the test sends its worker. */
export interface FuzzRequest {
  readonly target: string;
  readonly runs: number;
  readonly seed: number;
  readonly caseFile: string;
  readonly scratch: string;
  readonly maxRssMb: number;
  readonly regressions: ReadonlyArray<{ readonly path: string; readonly knownFailure: boolean }>;
  readonly known: readonly KnownFailure[];
}

/** What the worker says. */
export type FuzzWorkerMessage =
  | { readonly type: 'case' }
  | { readonly type: 'fixed'; readonly file: string }
  | { readonly type: 'done'; readonly cases: number; readonly knownHits: Readonly<Record<string, number>>; readonly slowestMs: number; readonly peakRssMb: number }
  | {
      readonly type: 'failure';
      readonly phase: 'regression' | 'random' | 'harness';
      readonly error: string;
      readonly stack?: string;
      readonly file?: string;
      readonly input?: string;
      readonly seed?: number;
      readonly path?: string;
    };

export interface FuzzReport {
  /** Empty when every case passed. */
  readonly problems: readonly string[];
  /** One line for the test's diagnostics. */
  readonly summary: string;
}

function readKnownFailures(): KnownFailure[] {
  if (!fs.existsSync(knownFailuresFile)) return [];
  return JSON.parse(fs.readFileSync(knownFailuresFile, 'utf8')) as KnownFailure[];
}

function seedOf(target: string): number {
  const fromEnv = process.env['STROOP_FUZZ_SEED'];
  if (fromEnv !== undefined && fromEnv !== '') return Number(fromEnv);
  if (process.env['STROOP_FUZZ_RUNS'] !== undefined) return Math.floor(Math.random() * 0x7fffffff);
  return createHash('sha256').update(`stroop-fuzz:${target}`).digest().readUInt32LE(0) & 0x7fffffff;
}

/** Saves a failing input as a regression file (named by its hash, so the same input is kept once). */
function saveRegression(target: string, extension: string, input: Buffer): string {
  const dir = path.join(regressionsDir, target);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${createHash('sha256').update(input).digest('hex').slice(0, 16)}.${extension}`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, input);
  return file;
}

const workerFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fuzzWorker.js');

/** Runs the target's regression files, then its random cases; resolves when the worker is done, failed, hung or died. */
export async function runFuzzTarget(name: string): Promise<FuzzReport> {
  const target = fuzzTargets[name];
  if (target === undefined) throw new Error(`no fuzz target '${name}'`);
  const runs = Number(process.env['STROOP_FUZZ_RUNS'] ?? target.runs);
  const seed = seedOf(name);
  const caseMs = Number(process.env['STROOP_FUZZ_CASE_MS'] ?? 10_000);
  const maxRssMb = Number(process.env['STROOP_FUZZ_MAX_RSS_MB'] ?? 1536);
  const known = readKnownFailures().filter((k) => k.target === name);
  const knownFiles = new Set(known.flatMap((k) => k.files.map((f) => path.join(regressionsDir, f))));
  const targetDir = path.join(regressionsDir, name);
  const regressions = (fs.existsSync(targetDir) ? fs.readdirSync(targetDir).sort() : []).map((f) => path.join(targetDir, f)).map((p) => ({ path: p, knownFailure: knownFiles.has(p) }));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `stroop-fuzz-${name}-`));
  const request: FuzzRequest = { target: name, runs, seed, caseFile: path.join(work, 'case.bin'), scratch: work, maxRssMb, regressions, known };
  const replay = `STROOP_FUZZ_SEED=${seed} STROOP_FUZZ_RUNS=${runs} node --test dist/test/fuzz/`;
  const problems: string[] = [];
  let summary = `${name}: seed ${seed}, ${runs} random cases, ${regressions.length} regression files`;

  const child = fork(workerFile, ['--stroop-fuzz-worker'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: ['--max-old-space-size=1024'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const lastInput = () => (fs.existsSync(request.caseFile) ? fs.readFileSync(request.caseFile) : undefined);
  const keep = (input: Buffer | undefined) => (input === undefined ? 'no input recorded' : `input saved as ${path.relative(repoRoot, saveRegression(name, target.extension, input))}`);

  let finished = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      problems.push(`${name}: a case ran longer than ${ms} ms (killed); ${keep(lastInput())}`);
      finished = true;
      child.kill('SIGKILL');
    }, ms);
  };
  // Starting the worker (imports, onnxruntime, seeds) may take a while on a busy machine.
  arm(Math.max(caseMs, 60_000));
  child.send(request);
  child.on('message', (message: FuzzWorkerMessage) => {
    if (message.type === 'case') return arm(caseMs);
    if (message.type === 'fixed') {
      problems.push(`${name}: ${path.relative(repoRoot, message.file)} passes now - the known failure is fixed: remove it from ${path.relative(repoRoot, knownFailuresFile)}`);
      return;
    }
    clearTimeout(timer);
    finished = true;
    if (message.type === 'done') {
      const hits = Object.entries(message.knownHits).map(([pattern, n]) => `${n} x known /${pattern}/`);
      summary += `; ${message.cases} cases run, slowest ${message.slowestMs} ms, peak RSS ${message.peakRssMb} MB${hits.length > 0 ? `; tolerated: ${hits.join(', ')}` : ''}`;
      return;
    }
    const where =
      message.phase === 'regression'
        ? `regression file ${path.relative(repoRoot, message.file ?? '')}`
        : message.phase === 'harness'
          ? 'the fuzz harness itself'
          : `${keep(message.input === undefined ? undefined : Buffer.from(message.input, 'base64'))}${message.seed === undefined ? '' : ` (fast-check seed ${message.seed}, path "${message.path ?? ''}")`}`;
    problems.push(`${name}: ${message.error} - ${where}; replay: ${replay}\n${message.stack ?? ''}`);
  });
  await new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!finished) problems.push(`${name}: the worker died (exit ${code}, signal ${signal}); ${keep(lastInput())}\n${stderr}`);
      resolve();
    });
  });
  fs.rmSync(work, { recursive: true, force: true });
  return { problems, summary };
}
