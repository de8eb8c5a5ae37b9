import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProgressReporter, type DownloadProgress } from '../../src/hub/downloadProgress.js';

function capture(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, write: (s: string) => out.push(s) } };
}

const total = 10_000_000;
const event = (phase: DownloadProgress['phase'], bytes: number, resumedFrom = 0): DownloadProgress => ({
  modelId: 'org/name', file: 'model.safetensors', phase, bytes, totalBytes: total, resumedFrom, fileIndex: 2, fileCount: 3,
});

/** Feeds a download of 100 chunks over 100 s of fake time. */
function feed(report: (e: DownloadProgress) => void, clock: { t: number }, resumedFrom = 0): void {
  report(event('start', resumedFrom, resumedFrom));
  for (let i = 1; i <= 100; i++) {
    clock.t += 1000;
    report(event('data', resumedFrom + ((total - resumedFrom) * i) / 100, resumedFrom));
  }
  report(event('done', total));
}

describe('createProgressReporter', () => {
  it('plain (not a TTY): a start line, one line per interval, a done line; no carriage returns', () => {
    const { out, stream } = capture(false);
    const clock = { t: 0 };
    feed(createProgressReporter({ stream, env: {}, intervalMs: 10_000, now: () => clock.t }), clock, 4_000_000);
    assert.equal(out[0], 'Downloading org/name [2/3] model.safetensors (10.0 MB, resuming at 4.0 MB)\n');
    assert.equal(out.at(-1), 'Downloaded org/name [2/3] model.safetensors (10.0 MB)\n');
    assert.equal(out.length, 2 + 10);
    assert.match(out[1] ?? '', /^ {2}model\.safetensors 46% \(4\.6 MB of 10\.0 MB, 0\.1 MB\/s\)\n$/);
    assert.ok(out.every((l) => !l.includes('\r')));
  });

  it('a TTY gets one live line rewritten in place, throttled, ending with a newline', () => {
    const { out, stream } = capture(true);
    const clock = { t: 0 };
    feed(createProgressReporter({ stream, env: {}, now: () => clock.t }), clock);
    assert.ok(out.every((l) => l.startsWith('\r\x1b[2K')));
    assert.ok(out.slice(0, -1).every((l) => !l.includes('\n')));
    assert.match(out.at(-1) ?? '', /100% \(10\.0 MB of 10\.0 MB\)\n$/);
  });

  it('CI=true on a TTY prints plain lines', () => {
    const { out, stream } = capture(true);
    const clock = { t: 0 };
    feed(createProgressReporter({ stream, env: { CI: 'true' }, now: () => clock.t }), clock);
    assert.ok(out.every((l) => !l.includes('\r')));
  });
});
