import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Outcome, ScoredClass } from '../../src/results/outcome.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { runCli, type CliResult } from '../helpers/runCli.js';
import { hostileLabels } from './summaryFixture.js';

/** Class names of the hostile dataset: two that attack HTML, one that attacks attributes and CSV. */
export const hostileClasses = [hostileLabels[0], hostileLabels[1], "plain & 'simple'"] as const;

export interface HostileRun {
  readonly dir: string;
  readonly suiteFile: string;
  readonly runDir: string;
  /** Environment for runCli: a private embedding cache. */
  readonly env: NodeJS.ProcessEnv;
  readonly run: CliResult;
}

const csvCell = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * A temporary dataset whose class names are hostile (`<script>`, `"><img onerror>`), built from
 * the tiny dataset's images (4 per class) plus one manifest entry whose image is missing (an
 * error row), and a suite over the clip-tiny fixture (onnx) with the openai-sticker attack
 * (random wrong class: the written texts are hostile too); then `stroop run` into `<dir>/run`.
 */
export async function makeHostileRun(name: string, extraArgs: readonly string[] = []): Promise<HostileRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `stroop-${name}-`));
  const root = path.join(dir, 'data');
  fs.mkdirSync(root);
  const sources = ['red circle', 'blue square', 'yellow star'];
  const lines = ['path,label'];
  hostileClasses.forEach((label, c) => {
    for (let i = 0; i < 4; i++) {
      const file = `c${c}-${i}.png`;
      fs.copyFileSync(path.join(repoRoot, 'datasets', 'tiny', sources[c] as string, `${i}.png`), path.join(root, file));
      lines.push(`${file},${csvCell(label)}`);
    }
  });
  lines.push(`missing.png,${csvCell(hostileClasses[0])}`);
  fs.writeFileSync(path.join(root, 'manifest.csv'), `${lines.join('\n')}\n`);
  const suiteFile = path.join(dir, 'suite.yaml');
  fs.writeFileSync(
    suiteFile,
    [
      'name: hostile',
      'models:',
      `  - path: ${JSON.stringify(fixturePath('clip-tiny'))}`,
      '    id: tiny',
      '    engine: onnx',
      'datasets:',
      '  - id: h',
      `    root: ${JSON.stringify(root)}`,
      '    manifest: manifest.csv',
      `    classes: ${JSON.stringify([...hostileClasses])}`,
      'attacks:',
      '  - preset: openai-sticker',
      '    id: sticker',
      'batch: 16',
      '',
    ].join('\n'),
  );
  const env = { STROOP_CACHE_DIR: path.join(dir, 'cache'), CI: 'true' };
  const runDir = path.join(dir, 'run');
  const run = await runCli(['run', suiteFile, '--out', runDir, ...extraArgs], { env });
  return { dir, suiteFile, runDir, env, run };
}

/** `top` with the entry of class `index` moved to the front (the ranking a different prediction would give). */
function withFirst(top: readonly ScoredClass[], index: number): ScoredClass[] {
  const first = top.find((c) => c.index === index);
  return first === undefined ? [...top] : [first, ...top.filter((c) => c !== first)];
}

/**
 * Rewrites a result log so the attack visibly works: every sample's clean top-1 becomes its true
 * class (the same for all of its rows, as the metrics require), and the attacked top-1 of rows
 * chosen by `flip` becomes the class the text names. Spec and render hashes stay the runner's, so
 * the gallery must still reproduce them. Returns how many rows were flipped.
 */
export function forceFlips(logFile: string, flip: (o: Outcome, i: number) => boolean): number {
  let flipped = 0;
  const rows = fs.readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Outcome);
  const out = rows.map((o, i) => {
    if (o.kind !== 'scored') return o;
    const clean = withFirst(o.clean, o.trueIndex);
    if (o.attackId === 'clean') return { ...o, clean, attacked: clean };
    if (o.targetIndex === null || o.targetIndex === o.trueIndex || !flip(o, i)) return { ...o, clean, attacked: withFirst(o.attacked, o.trueIndex) };
    flipped++;
    return { ...o, clean, attacked: withFirst(o.attacked, o.targetIndex) };
  });
  fs.writeFileSync(logFile, out.map((o) => `${JSON.stringify(o)}\n`).join(''));
  return flipped;
}
