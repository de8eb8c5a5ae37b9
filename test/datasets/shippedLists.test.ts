import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError } from '../../src/errors/errors.js';
import { loadClassNames, shippedClassNameLists } from '../../src/datasets/shippedLists.js';
import { repoRoot } from '../helpers/paths.js';
import { makeTempDir, writeFiles } from './tempDataset.js';

const temp = makeTempDir();
after(temp.remove);

describe('loadClassNames', () => {
  it("ships OpenAI's 1000 ImageNet class names in index order", () => {
    const names = loadClassNames('imagenet');
    assert.equal(names.length, 1000);
    // Spot checks against the CLIP notebook's imagenet_classes (and ImageNet's own index order).
    const expected: Record<number, string> = {
      0: 'tench',
      1: 'goldfish',
      2: 'great white shark',
      21: 'kite (bird of prey)',
      151: 'Chihuahua',
      207: 'Golden Retriever',
      281: 'tabby cat',
      409: 'analog clock',
      517: 'construction crane',
      605: 'iPod',
      657: 'missile',
      744: 'missile',
      836: 'sunglasses',
      837: 'sunglasses',
      948: 'Granny Smith apple',
      999: 'toilet paper',
    };
    for (const [index, name] of Object.entries(expected)) assert.equal(names[Number(index)], name, `index ${index}`);
    // Exactly OpenAI's two duplicates; everything else distinct.
    assert.equal(new Set(names).size, 998);
    assert.ok(names.every((n) => n === n.trim() && n.length > 0));
  });

  it('records where the ImageNet list comes from', () => {
    const json = JSON.parse(fs.readFileSync(path.join(repoRoot, 'datasets', 'classnames', 'imagenet.json'), 'utf8')) as { source: string };
    assert.match(json.source, /openai\/CLIP/);
    assert.match(json.source, /Prompt_Engineering_for_ImageNet/);
  });

  it('lists the shipped lists and reads a list from a file (array or {classNames})', () => {
    assert.ok(shippedClassNameLists().includes('imagenet'));
    assert.ok(shippedClassNameLists().includes('tiny'));
    writeFiles(temp.dir, { 'a.json': '["cat", "dog"]', 'b.json': '{"classNames": ["x"], "source": "me"}' });
    assert.deepEqual(loadClassNames(path.join(temp.dir, 'a.json')), ['cat', 'dog']);
    assert.deepEqual(loadClassNames(path.join(temp.dir, 'b.json')), ['x']);
  });

  it('refuses unknown names, bad JSON and bad entries with a ConfigError naming the file', () => {
    assert.throws(() => loadClassNames('imagenet21k'), (e: unknown) => e instanceof ConfigError && /Unknown class-name list 'imagenet21k': not a file, and not one of the shipped lists \(imagenet, tiny/.test(e.message));
    writeFiles(temp.dir, { 'bad.json': '["a",', 'empty.json': '[]', 'num.json': '["a", 3]', 'blank.json': '{"classNames": ["a", " "]}' });
    assert.throws(() => loadClassNames(path.join(temp.dir, 'bad.json')), /bad\.json: not valid JSON/);
    assert.throws(() => loadClassNames(path.join(temp.dir, 'empty.json')), /expected a non-empty JSON array of class names/);
    assert.throws(() => loadClassNames(path.join(temp.dir, 'num.json')), /class name at index 1 is 3/);
    assert.throws(() => loadClassNames(path.join(temp.dir, 'blank.json')), /class name at index 1 is " "/);
  });
});
