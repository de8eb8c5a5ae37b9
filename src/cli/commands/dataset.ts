import fs from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import type { ArtworkDatasetBuild } from '../../emoji/buildArtworkDataset.js';
import type { EmojiDatasetBuild } from '../../emoji/buildEmojiDataset.js';
import { expectedEmojiHashesFileFor } from '../../emoji/emojiBuildRecord.js';
import { UsageError } from '../../errors/errors.js';
import { packageRoot } from '../../packageRoot.js';
import type { ArgsOf } from '../argsOf.js';
import { withJsonOption } from '../sharedOptions.js';

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** One row of `stroop dataset list`. */
interface DatasetListing {
  readonly name: string;
  /** `bundled`: shipped in datasets/; `built`: made on this machine by `stroop dataset build`. */
  readonly kind: 'bundled' | 'built';
  readonly root: string;
  /** False for a buildable dataset not built yet. */
  readonly ready: boolean;
  readonly images: number;
  readonly description: string;
}

/** The options every buildable dataset takes from `stroop dataset build`. */
interface BuildOptions {
  readonly out?: string;
  readonly size?: number;
  readonly classes?: readonly string[];
  readonly onProgress?: (done: number, total: number) => void;
}

/** What `stroop dataset build` prints for one build: the build as JSON, lines for stdout, and notes or warnings for stderr. */
interface BuildReport {
  readonly build: object;
  readonly lines: readonly string[];
  readonly notes: readonly string[];
}

/** A dataset `stroop dataset build` can make: its listing and its builder, each loaded lazily. */
interface Buildable {
  readonly description: string;
  readonly status: () => Promise<{ readonly root: string; readonly built: boolean; readonly images: number }>;
  readonly build: (options: BuildOptions) => Promise<BuildReport>;
}

/** Datasets `stroop dataset build` can make; each factory loads its builder lazily. */
const buildable = Object.freeze({
  emoji: {
    description: 'concrete objects drawn by several openly licensed emoji sets; whole sets held out for evaluation (datasets/emoji/README.md)',
    status: async () => {
      const status = (await import('../../emoji/resolveEmojiBuild.js')).emojiDatasetStatus();
      return { root: status.root, built: status.built, images: status.classCount * status.setCount };
    },
    build: async (options) => reportEmojiBuild(await (await import('../../emoji/buildEmojiDataset.js')).buildEmojiDataset(options)),
  },
  artwork: {
    description: 'the emoji classes drawn by 15 more Iconify icon sets and the emoji training sets, all for training (datasets/artwork/README.md)',
    status: async () => {
      const status = (await import('../../emoji/resolveArtworkBuild.js')).artworkDatasetStatus();
      return { root: status.root, built: status.built, images: status.imageCount };
    },
    build: async (options) => reportArtworkBuild(await (await import('../../emoji/buildArtworkDataset.js')).buildArtworkDataset(options)),
  },
} satisfies Record<string, Buildable>);
type BuildableName = keyof typeof buildable;
const buildableNames = Object.keys(buildable) as BuildableName[];

/** The folders of datasets/ that hold a manifest.csv, described by their README's title line. */
function bundledDatasets(): DatasetListing[] {
  const dir = path.join(packageRoot, 'datasets');
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'manifest.csv')))
    .map((entry) => {
      const root = path.join(dir, entry.name);
      const readme = path.join(root, 'README.md');
      const title = fs.existsSync(readme) ? (fs.readFileSync(readme, 'utf8').split('\n')[0] ?? '') : '';
      const rows = fs.readFileSync(path.join(root, 'manifest.csv'), 'utf8').split('\n').filter((line) => line.trim() !== '').length - 1;
      return { name: entry.name, kind: 'bundled' as const, root, ready: true, images: rows, description: title.replace(/^#\s*[^:]*:\s*/, '') };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

function listBuilder(y: Argv) {
  return withJsonOption(y).example('$0 dataset list', 'Bundled datasets, and the ones `dataset build` makes with where they are cached');
}

const listCommand: CommandModule<object, ArgsOf<typeof listBuilder>> = {
  command: 'list',
  describe: 'List the bundled and the buildable datasets',
  builder: listBuilder,
  handler: async (argv) => {
    const rows: DatasetListing[] = bundledDatasets();
    for (const name of buildableNames) {
      const status = await buildable[name].status();
      rows.push({ name, kind: 'built', root: status.root, ready: status.built, images: status.images, description: buildable[name].description });
    }
    if (argv.json) {
      out(JSON.stringify(rows));
      return;
    }
    const width = Math.max(...rows.map((r) => r.name.length));
    for (const r of rows) {
      const state = r.kind === 'bundled' ? 'bundled' : r.ready ? 'built' : `not built yet ('stroop dataset build ${r.name}')`;
      out(`${r.name.padEnd(width)}  ${String(r.images).padStart(4)} images  ${state}: ${r.root}`);
      out(`${''.padEnd(width)}  ${r.description}`);
    }
  },
};

function buildBuilder(y: Argv) {
  return withJsonOption(y)
    .positional('name', { type: 'string', demandOption: true, choices: buildableNames, describe: 'Dataset to build' })
    .option('out', { type: 'string', describe: 'Dataset folder (default: <cache>/datasets/<name>-<key>, cache = $STROOP_CACHE_DIR or ~/.cache/stroop)' })
    .option('size', { type: 'number', describe: 'Image side in pixels, a whole number in [16, 512] (default: 64 for emoji, 112 for artwork)' })
    .option('classes', { type: 'string', describe: 'Build only these classes: "apple,dog" (default: all)' })
    .example('$0 dataset build emoji', 'Render the emoji dataset into the cache (skipped when it is there and intact)')
    .example('$0 dataset build emoji --out data/emoji --size 96', 'A 96 px copy in a folder of your choice')
    .example('$0 dataset build artwork', 'Render the artwork tables of datasets/artwork/ and the emoji training sets at 112 px');
}

type BuildArgs = ArgsOf<typeof buildBuilder>;

function reportEmojiBuild(build: EmojiDatasetBuild): BuildReport {
  const splits = Object.entries(build.splits).map(([split, s]) => `${split} ${s.images} images (${s.sets.join(', ')})`);
  const hashesFile = path.relative(packageRoot, expectedEmojiHashesFileFor(build.size));
  const lines = [
    `emoji: ${build.imageCount} images, ${build.classCount} classes, ${build.size} px, in ${build.root}`,
    build.upToDate ? `up to date (checked in ${build.seconds.toFixed(1)} s)` : `rendered ${build.rendered} images in ${build.seconds.toFixed(1)} s`,
    `splits: ${splits.join('; ')}`,
    `manifest: ${build.manifest}`,
    `class names: ${build.classNames}`,
    ...(build.expected.status === 'match' ? [`pixels match the expected hashes (${hashesFile})`] : []),
  ];
  const notes: string[] = [];
  if (build.expected.status === 'mismatch') {
    const first = build.expected.mismatched.slice(0, 3).join(', ');
    notes.push(`stroop: warning: not the expected images: ${build.expected.reason ?? ''} (first: ${first})`);
  } else if (build.expected.status === 'not-comparable') {
    notes.push(`stroop: note: pixels not checked against ${hashesFile}: ${build.expected.reason ?? ''}`);
  }
  return { build, lines, notes };
}

function reportArtworkBuild(build: ArtworkDatasetBuild): BuildReport {
  const lines = [
    `artwork: ${build.imageCount} images, ${build.classCount} classes, ${build.sets.length} sets, ${build.size} px, in ${build.root}`,
    build.upToDate ? `up to date (checked in ${build.seconds.toFixed(1)} s)` : `rendered ${build.rendered} images in ${build.seconds.toFixed(1)} s`,
    `sets: ${build.sets.map((s) => `${s.id} ${s.images}`).join(', ')}`,
    `manifest: ${build.manifest}`,
    `class names: ${build.classNames}`,
  ];
  return { build, lines, notes: [] };
}

const buildCommand: CommandModule<object, BuildArgs> = {
  command: 'build <name>',
  describe: 'Build a dataset into the local cache (idempotent: an intact build is left alone)',
  builder: buildBuilder,
  handler: async (argv) => {
    const size = argv.size;
    if (size !== undefined && (!Number.isInteger(size) || size < 16 || size > 512)) throw new UsageError(`--size must be a whole number of pixels in [16, 512], got ${size}.`, '--size');
    const classes = argv.classes?.split(',').map((c) => c.trim()).filter((c) => c !== '');
    const showProgress = !argv.json && process.stderr.isTTY === true;
    const report = await buildable[argv.name].build({
      ...(size !== undefined ? { size } : {}),
      ...(argv.out !== undefined ? { out: argv.out } : {}),
      ...(classes !== undefined ? { classes } : {}),
      ...(showProgress ? { onProgress: (done: number, total: number) => process.stderr.write(`\rrendering ${done}/${total}${done === total ? '\n' : ''}`) } : {}),
    });
    if (argv.json) out(JSON.stringify(report.build));
    else for (const line of report.lines) out(line);
    for (const note of report.notes) process.stderr.write(`${note}\n`);
  },
};

/** `stroop dataset list|build <name>`: the bundled datasets and the ones built on demand. */
export const datasetCommand: CommandModule = {
  command: 'dataset',
  describe: 'List datasets, or build one into the local cache',
  builder: (y: Argv) => y.command(listCommand).command(buildCommand).demandCommand(1, 'Name a subcommand: list or build <name>.'),
  handler: () => undefined,
};
