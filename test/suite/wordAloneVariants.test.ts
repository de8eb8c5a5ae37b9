import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths.js';

/**
 * The word-alone suite's variations are copies of a demo recipe "with one thing changed"
 * (attacks/suites/word-alone.yaml): the model card reads each one against its recipe, so a copy
 * that drifts from the recipe (or changes two things) would make that reading wrong.
 */
type Json = Record<string, unknown>;
const read = (...parts: string[]): Json => JSON.parse(fs.readFileSync(path.join(repoRoot, ...parts), 'utf8')) as Json;
const paperLabel = read('attacks', 'suites', 'paper-label.json');
const sticker = read('attacks', 'presets', 'openai-sticker.json');

/** Each variation, its recipe and the one spec field it changes. */
const variations: ReadonlyArray<readonly [file: string, recipe: Json, changed: string]> = [
  ['paper-label-large.json', paperLabel, 'size'],
  ['paper-label-small.json', paperLabel, 'size'],
  ['paper-label-offset.json', paperLabel, 'placement'],
  ['paper-label-serif.json', paperLabel, 'font'],
  ['paper-label-red.json', paperLabel, 'fill'],
  ['sticker-offset.json', sticker, 'placement'],
];

describe('the word-alone variations', () => {
  it('are every file in attacks/suites/word-alone/', () => {
    const files = fs.readdirSync(path.join(repoRoot, 'attacks', 'suites', 'word-alone')).filter((f) => f.endsWith('.json'));
    assert.deepEqual(files.sort(), variations.map(([file]) => file).sort());
  });

  for (const [file, recipe, changed] of variations) {
    it(`${file} changes only the ${changed} of its recipe`, () => {
      const variation = read('attacks', 'suites', 'word-alone', file);
      assert.deepEqual(variation.text, recipe.text, 'text strategy');
      assert.deepEqual(variation.vary, recipe.vary, 'varied fields');
      const spec = variation.spec as Json;
      const recipeSpec = recipe.spec as Json;
      assert.notDeepEqual(spec[changed], recipeSpec[changed], `${changed} is changed`);
      assert.deepEqual({ ...spec, [changed]: undefined }, { ...recipeSpec, [changed]: undefined }, `only ${changed} is changed`);
    });
  }
});
