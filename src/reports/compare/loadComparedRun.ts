import { RESULT_LOG } from '../../results/outputDir.js';
import fs from 'node:fs';
import path from 'node:path';
import { UsageError, messageOf } from '../../errors/errors.js';
import { readResultLog } from '../../results/resultLog.js';
import type { RunSummary } from '../runSummary.js';
import { summarySchema } from '../runSummary.js';

/** One side of a comparison: its summary and, when it sits next to it, its result log. */
export interface ComparedRun {
  /** The summary.json read. */
  readonly file: string;
  readonly summary: RunSummary;
  /** The sibling results.jsonl (for paired tests), or null when there is none. */
  readonly logFile: string | null;
}

/** The summary versions this stroop reads. */
const knownVersions = { summaryVersion: 1, metricsVersion: 2 } as const;

/**
 * Reads one side of `stroop compare`: a `summary.json`, or a run directory holding one. Fails
 * with a UsageError (exit 2) naming the file for a missing file, invalid JSON, a file that is not
 * a stroop summary (the first offending field), a summary version this stroop does not read, a
 * run with no rows, or a sibling results.jsonl that is empty.
 */
export function loadComparedRun(given: string, role: 'baseline' | 'candidate'): ComparedRun {
  const resolved = path.resolve(given);
  const file = fs.existsSync(resolved) && fs.statSync(resolved).isDirectory() ? path.join(resolved, 'summary.json') : resolved;
  if (!fs.existsSync(file)) throw new UsageError(`The ${role} ${file} does not exist; give a summary.json or a run directory (stroop run --out).`, role);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`The ${role} ${file} is not valid JSON: ${messageOf(error)}`, role);
  }
  const parsed = summarySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`The ${role} ${file} is not a stroop summary.json: ${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}.`, role);
  }
  const { summaryVersion } = parsed.data;
  const { metricsVersion } = parsed.data.metrics;
  if (summaryVersion !== knownVersions.summaryVersion || metricsVersion !== knownVersions.metricsVersion) {
    throw new UsageError(
      `The ${role} ${file} has summaryVersion ${summaryVersion} / metricsVersion ${metricsVersion} (stroop ${parsed.data.stroopVersion}); this stroop reads version ${knownVersions.summaryVersion} / ${knownVersions.metricsVersion}: re-run 'stroop report <dir>' with one stroop version for both runs.`,
      role,
    );
  }
  if (parsed.data.metrics.counts.total === 0) throw new UsageError(`The ${role} ${file} summarises a run with no results (0 rows).`, role);
  const log = path.join(path.dirname(file), RESULT_LOG);
  let logFile: string | null = null;
  if (fs.existsSync(log)) {
    const rows = readResultLog(log);
    const first = rows.next();
    rows.return(undefined);
    if (first.done === true) throw new UsageError(`The ${role} run ${path.dirname(file)} has no results: ${RESULT_LOG} is empty.`, role);
    logFile = log;
  }
  return { file, summary: raw as RunSummary, logFile };
}
