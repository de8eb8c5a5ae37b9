import type { RunProgress } from '../run/runSuite.js';

/**
 * Renders run progress on `stream`: a live bar with rate and ETA on a TTY, plain periodic
 * lines when not a TTY or when CI=true.
 */
export function createRunProgress(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env, intervalMs = 10_000): (p: RunProgress) => void {
  const live = stream.isTTY === true && env['CI'] !== 'true';
  let started = 0;
  let startKey = '';
  let lastLine = 0;
  return (p) => {
    const now = Date.now();
    const key = `${p.model}\u0000${p.dataset}`;
    if (key !== startKey) {
      startKey = key;
      started = now;
    }
    const seconds = Math.max((now - started) / 1000, 1e-3);
    const rate = p.samplesDone / seconds;
    const eta = rate > 0 ? Math.max(0, (p.samplesTotal - p.samplesDone) / rate) : Infinity;
    const fraction = p.samplesTotal > 0 ? Math.min(1, p.samplesDone / p.samplesTotal) : 1;
    const etaText = Number.isFinite(eta) ? `${Math.round(eta)}s` : '?';
    const text = `${p.model} on ${p.dataset}: ${p.samplesDone}/${p.samplesTotal} samples, ${rate.toFixed(1)}/s, ETA ${etaText}, ${p.note ?? `${p.rowsWritten} rows written`}`;
    if (live) {
      const width = 24;
      const bar = '#'.repeat(Math.round(fraction * width)).padEnd(width, '.');
      stream.write(`\r[${bar}] ${text}\u001b[K${fraction === 1 ? '\n' : ''}`);
    } else if (now - lastLine >= intervalMs || fraction === 1) {
      lastLine = now;
      stream.write(`${text}\n`);
    }
  };
}
