import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DatasetError } from '../../../src/errors/errors.js';
import { datasetSplits, globToRegExp, splitFiles } from '../../../src/datasets/hub/hubDatasetFiles.js';

const repo = "'org/set' (commit abc1234)";
const splitsOf = (files: readonly string[], readme?: string) => Object.fromEntries(datasetSplits(files, readme, repo).splits);

describe('which Parquet files make up each split', () => {
  // The hub's documented rules (datasets-file-names-and-splits), written out by hand.
  const cases: [string, string[], Record<string, string[]>][] = [
    ['sharded data/<split>-NNNNN-of-NNNNN (SCAM)', ['data/train-00000-of-00001.parquet'], { train: ['data/train-00000-of-00001.parquet'] }],
    [
      'several shards and splits',
      ['data/train-00001-of-00002.parquet', 'data/test-00000-of-00001.parquet', 'data/train-00000-of-00002.parquet'],
      { train: ['data/train-00000-of-00002.parquet', 'data/train-00001-of-00002.parquet'], test: ['data/test-00000-of-00001.parquet'] },
    ],
    ['a custom split name in the sharded form', ['data/holdout-00000-of-00001.parquet', 'data/train-00000-of-00001.parquet'], { holdout: ['data/holdout-00000-of-00001.parquet'], train: ['data/train-00000-of-00001.parquet'] }],
    ['split folders', ['train/0000.parquet', 'test/0000.parquet', 'train/0001.parquet'], { train: ['train/0000.parquet', 'train/0001.parquet'], test: ['test/0000.parquet'] }],
    ['split file names', ['train.parquet', 'valid.parquet', 'test.parquet'], { train: ['train.parquet'], validation: ['valid.parquet'], test: ['test.parquet'] }],
    ['synonyms as folders', ['training/a.parquet', 'dev/b.parquet', 'evaluation/c.parquet'], { train: ['training/a.parquet'], validation: ['dev/b.parquet'], test: ['evaluation/c.parquet'] }],
    ['keywords delimited by non-letters', ['my_train_file.parquet', 'x-val-1.parquet', 'testing2.parquet'], { train: ['my_train_file.parquet'], validation: ['x-val-1.parquet'], test: ['testing2.parquet'] }],
    ['keywords inside words do not count: one train split', ['pretrained.parquet', 'contest.parquet'], { train: ['contest.parquet', 'pretrained.parquet'] }],
    ['no split names: one train split', ['data.parquet', 'more/part.parquet'], { train: ['data.parquet', 'more/part.parquet'] }],
    ['split folders win over split words in file names', ['train/a.parquet', 'test_b.parquet'], { train: ['train/a.parquet'] }],
    ['hidden files and other formats are ignored', ['.cache/test.parquet', '__x/test.parquet', 'train.parquet', 'README.md', 'data/test.csv'], { train: ['train.parquet'] }],
  ];
  for (const [name, files, expected] of cases) {
    it(name, () => assert.deepEqual(splitsOf(files), expected));
  }

  it('a repo without Parquet files is a DatasetError naming the repo and the extensions found', () => {
    assert.throws(() => datasetSplits(['.gitattributes', 'README.md', 'data/train.csv', 'images/a.jpg', 'LICENSE'], undefined, repo), (e: unknown) => {
      assert.ok(e instanceof DatasetError);
      assert.equal(e.message, `Dataset ${repo} has no .parquet files; stroop reads only Parquet (found (none), .csv, .jpg, .md).`);
      return true;
    });
  });

  it('an unknown split is a DatasetError listing the splits found', () => {
    assert.throws(() => splitFiles(['data/train-00000-of-00001.parquet', 'data/test-00000-of-00001.parquet'], undefined, 'validation', repo), (e: unknown) => {
      assert.ok(e instanceof DatasetError);
      assert.match(e.message, /has no split 'validation'; splits found \(by file names\): train, test\.$/);
      return true;
    });
  });
});

describe("README.md's default config", () => {
  const files = ['data/a.parquet', 'data/b.parquet', 'extra/deep/c.parquet', 'holdout/d.parquet', 'data/train-00000-of-00001.parquet', 'notes.csv'];
  const readme = (yaml: string) => `---\n${yaml}\n---\n# Card\n`;

  it('data_files as [{split, path}] with globs and lists of globs, ** across folders', () => {
    const yaml = `configs:
- config_name: default
  data_files:
  - split: train
    path: "data/[ab].parquet"
  - split: train
    path: ["data/a.parquet", "extra/**"]
  - split: test
    path: holdout/*`;
    assert.deepEqual(splitsOf(files, readme(yaml)), { train: ['data/a.parquet', 'data/b.parquet', 'extra/deep/c.parquet'], test: ['holdout/d.parquet'] });
  });

  it('data_files as one glob or a list of globs: one train split', () => {
    assert.deepEqual(splitsOf(files, readme('configs:\n- config_name: default\n  data_files: "data/?.parquet"')), { train: ['data/a.parquet', 'data/b.parquet'] });
    assert.deepEqual(splitsOf(files, readme('configs:\n- config_name: default\n  data_files: ["holdout/*", "extra/*"]')), { train: ['holdout/d.parquet'] });
  });

  it('the config marked default: true wins over the others; without a default config the file names decide', () => {
    const yaml = `configs:
- config_name: small
  data_files: "data/a.parquet"
- config_name: full
  default: true
  data_files:
  - split: train
    path: "data/b.parquet"`;
    assert.deepEqual(splitsOf(files, readme(yaml)), { train: ['data/b.parquet'] });
    const noDefault = 'configs:\n- config_name: small\n  data_files: "data/a.parquet"';
    assert.deepEqual(datasetSplits(files, readme(noDefault), repo), { splits: new Map([['train', ['data/train-00000-of-00001.parquet']]]), from: 'file names' });
    assert.equal(datasetSplits(files, readme('pretty_name: X'), repo).from, 'file names');
    assert.equal(datasetSplits(files, '# no front matter\n', repo).from, 'file names');
  });

  it('refuses a config naming files that are not Parquet, and front matter that is not YAML', () => {
    assert.throws(() => datasetSplits(files, readme('configs:\n- config_name: default\n  data_files: "*.csv"'), repo), /split 'train' of README.md's configs names notes\.csv; stroop reads only \.parquet files/);
    assert.throws(() => datasetSplits(files, readme('configs: [unclosed'), repo), (e: unknown) => e instanceof DatasetError && /YAML front matter cannot be read/.test(e.message));
    assert.throws(() => datasetSplits(files, readme('configs:\n- config_name: default\n  data_files: 3'), repo), /data_files stroop cannot read/);
  });

  it('an unknown split names the configs as the source', () => {
    assert.throws(() => splitFiles(files, readme('configs:\n- config_name: default\n  data_files: "data/a.parquet"'), 'test', repo), /splits found \(by README\.md configs\): train\.$/);
  });
});

describe('globToRegExp', () => {
  const table: [string, string, boolean][] = [
    ['data/*.parquet', 'data/a.parquet', true],
    ['data/*.parquet', 'data/x/a.parquet', false],
    ['data/**', 'data/x/y/a.parquet', true],
    ['**/a.parquet', 'a.parquet', true],
    ['**/a.parquet', 'x/y/a.parquet', true],
    ['data/**/*.parquet', 'data/a.parquet', true],
    ['./data/a?.parquet', 'data/a1.parquet', true],
    ['data/a.parquet', 'data/aXparquet', false],
    ['data/[!b]*.parquet', 'data/a1.parquet', true],
    ['data/[!b]*.parquet', 'data/b1.parquet', false],
  ];
  for (const [glob, file, matches] of table) {
    it(`${glob} ${matches ? 'matches' : 'does not match'} ${file}`, () => assert.equal(globToRegExp(glob).test(file), matches));
  }
});
