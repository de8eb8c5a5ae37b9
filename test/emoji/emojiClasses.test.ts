import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { emojiSlug, loadEmojiClasses, parseEmojiClasses } from '../../src/emoji/emojiClasses.js';
import { emojiSets } from '../../src/emoji/emojiSets.js';
import { DatasetError } from '../../src/errors/errors.js';
import { repoRoot } from '../helpers/paths.js';

const requireFromRoot = createRequire(path.join(repoRoot, 'package.json'));

/** An installed set's raw Iconify files, read straight from node_modules (not through the code under test). */
function packageFile(packageName: string, file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(requireFromRoot.resolve(`${packageName}/${file}`), 'utf8')) as Record<string, unknown>;
}

const classes = loadEmojiClasses();
const setIds = emojiSets.map((s) => s.id);

describe('the emoji class list (datasets/emoji/classes.json)', () => {
  it('has 50 to 100 classes with unique names, file names and code points', () => {
    assert.ok(classes.length >= 50 && classes.length <= 100, `${classes.length} classes`);
    for (const key of [(c: (typeof classes)[number]) => c.name, (c: (typeof classes)[number]) => emojiSlug(c.name), (c: (typeof classes)[number]) => c.codepoint]) {
      assert.equal(new Set(classes.map(key)).size, classes.length);
    }
  });

  it('names every class with one or two lower-case words', () => {
    for (const c of classes) assert.match(c.name, /^[a-z0-9-]+( [a-z0-9-]+)?$/, c.name);
  });

  it('has every class in every set, as a real icon (not an alias) of the installed package', () => {
    for (const set of emojiSets) {
      const icons = packageFile(set.packageName, 'icons.json')['icons'] as Record<string, { body?: unknown }>;
      for (const c of classes) {
        const name = c.icons[set.id];
        assert.ok(name !== undefined, `${c.name} has no icon in ${set.id}`);
        assert.equal(typeof icons[name]?.body, 'string', `${set.id} has no icon '${name}' (class ${c.name})`);
      }
    }
  });

  it('maps each code point to its icon in every set that publishes a code point table (chars.json)', () => {
    let checked = 0;
    for (const set of emojiSets) {
      const chars = packageFile(set.packageName, 'chars.json') as Record<string, string>;
      if (Object.keys(chars).length === 0) continue;
      const aliases = (packageFile(set.packageName, 'icons.json')['aliases'] ?? {}) as Record<string, { parent: string }>;
      const resolve = (name: string): string => (aliases[name] ? resolve(aliases[name].parent) : name);
      for (const c of classes) {
        const listed = chars[c.codepoint] ?? chars[`${c.codepoint}-fe0f`];
        assert.ok(listed !== undefined, `${set.id}/chars.json lacks ${c.codepoint} (${c.name})`);
        assert.equal(resolve(listed), c.icons[set.id], `${set.id}: ${c.codepoint} is '${listed}', classes.json says '${c.icons[set.id]}'`);
        checked++;
      }
    }
    // twemoji, fluent-emoji-flat and openmoji ship chars.json: at least three sets are cross-checked.
    assert.ok(checked >= 3 * classes.length, `only ${checked} mappings checked`);
  });

  it('gives its Unicode name to each code point (the first code point of a sequence)', () => {
    for (const c of classes) {
      const first = Number.parseInt(c.codepoint.split('-')[0] ?? '', 16);
      assert.ok(first >= 0x2000 && first <= 0x1faff, `${c.name}: ${c.codepoint} is not in the emoji ranges`);
      assert.match(c.unicodeName, /^[A-Z0-9 -]+$/);
    }
  });
});

describe('parseEmojiClasses', () => {
  const one = (name: string, icons: Record<string, string> = Object.fromEntries(setIds.map((id) => [id, 'x']))) => ({ name, category: 'c', codepoint: '1f34e', unicodeName: 'RED APPLE', icons });

  it('refuses a repeated class name', () => {
    const json = { classes: [one('apple'), { ...one('apple'), codepoint: '1f34f' }] };
    assert.throws(() => parseEmojiClasses(json, 'test.json', setIds), (e: unknown) => e instanceof DatasetError && /class name 'apple' appears twice/.test(e.message));
  });

  it('refuses a class without an icon in some set, naming the set', () => {
    const icons = Object.fromEntries(setIds.slice(1).map((id) => [id, 'x']));
    assert.throws(() => parseEmojiClasses({ classes: [one('apple', icons)] }, 'test.json', setIds), (e: unknown) => e instanceof DatasetError && e.message.includes(`no icon for ${setIds[0]}`));
  });

  it('refuses names that are not one or two lower-case words', () => {
    for (const bad of ['Apple', 'red  apple', 'a b c', ' apple', 'apple,pie', '']) {
      assert.throws(() => parseEmojiClasses({ classes: [one(bad)] }, 'test.json', setIds), DatasetError, JSON.stringify(bad));
    }
  });
});

describe('the emoji sets', () => {
  it('hold out at least two sets, train on the rest, and never train on share-alike artwork', () => {
    const heldout = emojiSets.filter((s) => s.split === 'heldout');
    const train = emojiSets.filter((s) => s.split === 'train');
    assert.ok(heldout.length >= 2);
    assert.ok(train.length > heldout.length);
    assert.deepEqual(train.filter((s) => /-SA-/.test(s.licence)).map((s) => s.id), []);
  });

  it('state the licence each installed package declares', () => {
    for (const set of emojiSets) {
      assert.equal(packageFile(set.packageName, 'package.json')['license'], set.licence, set.packageName);
      assert.equal(packageFile(set.packageName, 'icons.json')['prefix'], set.id);
    }
  });

  it('pin exact package versions in package.json (the expected hashes depend on them)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const set of emojiSets) assert.match(pkg.dependencies[set.packageName] ?? '', /^\d+\.\d+\.\d+$/, set.packageName);
  });
});
