import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { ConfigError, DatasetError } from '../../src/errors/errors.js';
import { classSetOf, type ClassSetRule, type ClassSetSample } from '../../src/datasets/classSetOf.js';
import { openDataset } from '../../src/datasets/openDataset.js';
import { parseAttackFileName } from '../../src/datasets/listImageFolder.js';
import { collect, makeTempDir, writeFiles } from './tempDataset.js';

const temp = makeTempDir();
after(temp.remove);

describe('parseAttackFileName', () => {
  it('reads label=<class>_text=<word>.<ext>', () => {
    assert.deepEqual(parseAttackFileName('label=dog_text=cat.png'), { label: 'dog', attackText: 'cat' });
    assert.deepEqual(parseAttackFileName('label=granny smith_text=iPod.JPG'), { label: 'granny smith', attackText: 'iPod' });
    // The label ends at the first _text=; the text keeps underscores, dots and '='.
    assert.deepEqual(parseAttackFileName('label=golden_retriever_text=hot_dog.v2.png'), { label: 'golden_retriever', attackText: 'hot_dog.v2' });
    assert.deepEqual(parseAttackFileName('label=a_text=b_text=c.png'), { label: 'a', attackText: 'b_text=c' });
  });

  it('returns undefined for other names and blank parts', () => {
    for (const name of ['dog.png', 'label=dog.png', 'text=cat_label=dog.png', 'label=_text=cat.png', 'label=dog_text=.png', 'label= _text=cat.png', 'xlabel=dog_text=cat.png']) {
      assert.equal(parseAttackFileName(name), undefined, name);
    }
  });

  it('round-trips any label without "_text=" and any non-blank text (property)', () => {
    const part = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '' && !s.includes('/'));
    fc.assert(
      fc.property(part.filter((s) => !s.includes('_text=')), part, fc.constantFrom('.png', '.jpg', '.webp'), (label, text, ext) => {
        assert.deepEqual(parseAttackFileName(`label=${label}_text=${text}${ext}`), { label, attackText: text });
      }),
    );
  });
});

describe('image folders of real-world attack images', () => {
  it('reads a flat folder of label=_text= files, sorted by label then name', async () => {
    const root = path.join(temp.dir, 'flat');
    writeFiles(root, {
      'label=dog_text=cat.png': 'x',
      'label=apple_text=iPod.jpg': 'x',
      'label=dog_text=bird.png': 'x',
      'notes.txt': 'x',
    });
    const samples = await collect((await openDataset({ root })).samples());
    assert.deepEqual(
      samples.map((s) => [s.id, s.label, s.attackText]),
      [
        ['label=apple_text=iPod.jpg', 'apple', 'iPod'],
        ['label=dog_text=bird.png', 'dog', 'bird'],
        ['label=dog_text=cat.png', 'dog', 'cat'],
      ],
    );
  });

  it('merges top-level attack files with class folders and checks names against folders', async () => {
    const root = path.join(temp.dir, 'mixed');
    writeFiles(root, { 'dog/1.png': 'x', 'dog/label=dog_text=cat.png': 'x', 'label=dog_text=car.png': 'x', 'cat/2.png': 'x', 'label=ant_text=cow.png': 'x' });
    const samples = await collect((await openDataset({ root })).samples());
    assert.deepEqual(
      samples.map((s) => [s.id, s.label, s.attackText ?? null]),
      [
        ['label=ant_text=cow.png', 'ant', 'cow'],
        ['cat/2.png', 'cat', null],
        ['dog/1.png', 'dog', null],
        ['label=dog_text=car.png', 'dog', 'car'],
        ['dog/label=dog_text=cat.png', 'dog', 'cat'],
      ],
    );
    writeFiles(root, { 'cat/label=dog_text=cow.png': 'x' });
    await assert.rejects(collect((await openDataset({ root })).samples()), (error: unknown) => {
      assert.ok(error instanceof DatasetError);
      assert.match(error.message, /file name says label 'dog' but the image is in class folder 'cat'/);
      return true;
    });
    fs.rmSync(path.join(root, 'cat', 'label=dog_text=cow.png'));
    writeFiles(root, { 'stray.png': 'x' });
    await assert.rejects(collect((await openDataset({ root })).samples()), /image at the top of an image-folder dataset; put it in a class folder/);
  });

  it('pairs attacked and clean images through a manifest', async () => {
    const root = path.join(temp.dir, 'paired');
    writeFiles(root, { 'm.csv': 'path,label,attack_text,clean_path\nattacked/a.png,apple,iPod,clean/a.png\n' });
    const [sample] = await collect((await openDataset({ root, manifest: 'm.csv' })).samples());
    assert.deepEqual(sample, { id: 'attacked/a.png', path: path.join(root, 'attacked', 'a.png'), label: 'apple', attackText: 'iPod', cleanPath: path.join(root, 'clean', 'a.png') });
  });
});

describe('classSetOf', () => {
  const samples: ClassSetSample[] = [
    { label: 'dog', attackText: 'cat' },
    { label: 'apple', attackText: 'iPod' },
    { label: 'cat' },
    { label: 'dog', attackText: 'Dog' },
  ];

  it("'labels' gives the distinct true labels, sorted", () => {
    assert.deepEqual(classSetOf(samples, 'labels'), ['apple', 'cat', 'dog']);
  });

  it("'labels+attack-texts' adds every written word (the real-world attack papers' rule), verbatim", () => {
    assert.deepEqual(classSetOf(samples, 'labels+attack-texts'), ['Dog', 'apple', 'cat', 'dog', 'iPod']);
  });

  it('streams an async iterable to the same answer', async () => {
    async function* stream(): AsyncGenerator<ClassSetSample> {
      yield* samples;
    }
    assert.deepEqual(await classSetOf(stream(), 'labels+attack-texts'), classSetOf(samples, 'labels+attack-texts'));
  });

  it('does not depend on sample order, and contains every label (property)', () => {
    const sample = fc.record({ label: fc.string({ minLength: 1, maxLength: 4 }), attackText: fc.option(fc.string({ minLength: 1, maxLength: 4 }), { nil: undefined }) }).map((s) => (s.attackText === undefined ? { label: s.label } : { label: s.label, attackText: s.attackText }));
    fc.assert(
      fc.property(fc.array(sample, { maxLength: 20 }), fc.constantFrom<ClassSetRule>('labels', 'labels+attack-texts'), (list, rule) => {
        const set = classSetOf(list, rule);
        assert.deepEqual(classSetOf([...list].reverse(), rule), set);
        assert.equal(new Set(set).size, set.length);
        for (const s of list) assert.ok(set.includes(s.label));
        for (const s of list) if (s.attackText !== undefined) assert.equal(set.includes(s.attackText), rule === 'labels+attack-texts' || list.some((t) => t.label === s.attackText));
      }),
    );
  });

  it('refuses an unknown rule, listing the valid ones', () => {
    assert.throws(() => classSetOf(samples, 'texts' as ClassSetRule), (error: unknown) => error instanceof ConfigError && /Unknown class-set rule 'texts'\. Valid rules: labels, labels\+attack-texts\./.test(error.message));
  });
});
