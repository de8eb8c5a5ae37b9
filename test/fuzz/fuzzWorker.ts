import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { StroopError } from '../../src/errors/errors.js';
import { fuzzTargets, type FuzzTarget } from './fuzzTargets.js';
import { applyMutations, fuzzCaseArb, type FuzzCase } from './mutations.js';
import type { FuzzRequest, FuzzWorkerMessage } from './runFuzzTarget.js';

/**
 * The child process that fuzzes one target (forked by runFuzzTarget, so a hang can be killed and
 * a crash or an out-of-memory abort cannot take the test runner down). Before each case it writes
 * the input to `request.caseFile` and says so, which lets the parent time the case and keep the
 * input of one that never returns. It replays the regression files first, then runs fast-check.
 * `node --test` runs every file under test/ as a test file: without its flag this one does nothing.
 */

const describeError = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : `thrown ${typeof error}: ${String(error)}`).split('\n')[0] ?? '';

function send(message: FuzzWorkerMessage): Promise<void> {
  return new Promise((resolve) => process.send?.(message, undefined, {}, () => resolve()));
}

async function work(request: FuzzRequest): Promise<void> {
  const target: FuzzTarget | undefined = fuzzTargets[request.target];
  if (target === undefined) throw new Error(`no fuzz target '${request.target}'`);
  const seeds = await target.seeds();
  const known = request.known.map((k) => ({ pattern: k.error, re: new RegExp(k.error) }));
  const knownHits: Record<string, number> = {};
  let cases = 0;
  let slowestMs = 0;

  /** Runs one input: 'ok' (a result or a StroopError), 'known' (a listed known failure); throws anything else. */
  const check = async (bytes: Uint8Array): Promise<'ok' | 'known'> => {
    fs.writeFileSync(request.caseFile, bytes);
    await send({ type: 'case' });
    cases += 1;
    const started = performance.now();
    let outcome: 'ok' | 'known' = 'ok';
    try {
      await target.run(bytes, request.scratch);
    } catch (error) {
      if (!(error instanceof StroopError)) {
        const hit = known.find((k) => k.re.test(describeError(error)));
        if (hit === undefined) throw error;
        knownHits[hit.pattern] = (knownHits[hit.pattern] ?? 0) + 1;
        outcome = 'known';
      }
    }
    slowestMs = Math.max(slowestMs, performance.now() - started);
    const peakMb = process.resourceUsage().maxRSS / 1024;
    if (peakMb > request.maxRssMb) {
      // The peak stays high for later cases, so this input is reported as it is, not shrunk.
      await send({ type: 'failure', phase: 'random', error: `memory: the process peaked at ${Math.round(peakMb)} MB (limit ${request.maxRssMb} MB)`, input: Buffer.from(bytes).toString('base64') });
      process.exit(0);
    }
    return outcome;
  };

  for (const regression of request.regressions) {
    const bytes = new Uint8Array(fs.readFileSync(regression.path));
    let outcome: 'ok' | 'known';
    try {
      outcome = await check(bytes);
    } catch (error) {
      await send({ type: 'failure', phase: 'regression', file: regression.path, error: describeError(error), stack: error instanceof Error ? (error.stack ?? '') : '' });
      return;
    }
    if (regression.knownFailure && outcome === 'ok') await send({ type: 'fixed', file: regression.path });
  }

  const tokens = target.tokens ?? [];
  const bytesOf = (c: FuzzCase & { readonly repair: boolean }) => {
    const seed = seeds[c.seed % seeds.length] as Uint8Array;
    const mutated = applyMutations(seed, c.mutations, tokens);
    return c.repair && target.repair !== undefined ? target.repair(mutated, seed) : mutated;
  };
  const arb = fc.tuple(fuzzCaseArb(seeds.length, tokens), fc.boolean()).map(([c, repair]) => ({ ...c, repair }));
  const details = await fc.check(
    fc.asyncProperty(arb, async (c) => {
      await check(bytesOf(c));
    }),
    { numRuns: request.runs, seed: request.seed },
  );
  if (details.failed && details.counterexample !== null) {
    const [counterexample] = details.counterexample;
    const error = details.errorInstance;
    await send({
      type: 'failure',
      phase: 'random',
      error: describeError(error),
      stack: error instanceof Error ? (error.stack ?? '') : '',
      input: Buffer.from(bytesOf(counterexample)).toString('base64'),
      seed: details.seed,
      path: details.counterexamplePath ?? '',
    });
    return;
  }
  await send({ type: 'done', cases, knownHits, slowestMs: Math.round(slowestMs), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) });
}

if (process.argv.includes('--stroop-fuzz-worker') && process.send !== undefined) {
  process.once('message', (request: FuzzRequest) => {
    work(request)
      .catch((error: unknown) => send({ type: 'failure', phase: 'harness', error: describeError(error), stack: error instanceof Error ? (error.stack ?? '') : '' }))
      .finally(() => process.exit(0));
  });
}
