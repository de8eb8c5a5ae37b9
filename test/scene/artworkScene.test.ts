import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../src/attacks/createRng.js';
import { solidRgbaImage, type RgbaImage } from '../../src/image/rgbaImage.js';
import { composeScene, sceneBackground, type SceneOptions } from '../../src/scene/artworkScene.js';

const size = 48;
const plain: SceneOptions = { size, artworkScale: [1, 1], mirror: false, colourJitter: 0, backgroundRate: 0, rotationDeg: 0, overhang: 0, recolourMonochrome: false };

/** Black ink (a filled square of side 24) on white: a monochrome icon as the artwork builds draw it. */
function icon(): RgbaImage {
  const image = solidRgbaImage(size, size);
  for (let y = 12; y < 36; y++) for (let x = 12; x < 36; x++) image.data.set([0, 0, 0], 4 * (y * size + x));
  return image;
}

const pixel = (image: RgbaImage, x: number, y: number) => [...image.data.subarray(4 * (y * image.width + x), 4 * (y * image.width + x) + 3)];
const luma = ([r, g, b]: number[]) => (0.299 * r! + 0.587 * g! + 0.114 * b!) / 255;

describe('sceneBackground', () => {
  it('is white at rate 0, and at rate 1 one of the varied kinds, clutter only when other artwork is given', () => {
    assert.equal(sceneBackground(size, 0, createRng(1, 'bg')).kind, 'white');
    const kinds = new Set<string>();
    for (let i = 0; i < 60; i++) kinds.add(sceneBackground(size, 1, createRng(i, 'bg')).kind);
    assert.deepEqual([...kinds].sort(), ['flat', 'gradient', 'noise']);
    let calls = 0;
    for (let i = 0; i < 60; i++) kinds.add(sceneBackground(size, 1, createRng(i, 'bg'), () => (calls++, icon())).kind);
    assert.ok(kinds.has('clutter') && calls > 0);
  });

  it('is a function of the stream: the same seed gives the same pixels', () => {
    const a = sceneBackground(size, 1, createRng(7, 'bg'));
    const b = sceneBackground(size, 1, createRng(7, 'bg'));
    assert.deepEqual(a.image.data, b.image.data);
  });
});

describe('composeScene', () => {
  it('on white with nothing varied, gives the artwork back as drawn', () => {
    const scene = composeScene(icon(), plain, createRng(1, 'scene'));
    assert.equal(scene.background, 'white');
    assert.deepEqual(pixel(scene.image, 24, 24), [0, 0, 0]);
    assert.deepEqual(pixel(scene.image, 2, 2), [255, 255, 255]);
  });

  it('shows the background around the cut-out artwork, and paints a monochrome icon in a colour that stands out from it', () => {
    for (let seed = 0; seed < 20; seed++) {
      const options = { ...plain, backgroundRate: 1, recolourMonochrome: true };
      const background = sceneBackground(size, 1, createRng(seed, 'scene'));
      const scene = composeScene(icon(), options, createRng(seed, 'scene'));
      assert.deepEqual(pixel(scene.image, 2, 2), pixel(background.image, 2, 2), `seed ${seed}: the corner is the background`);
      const ink = pixel(scene.image, 24, 24);
      assert.ok(Math.abs(luma(ink) - background.luma) >= 0.3, `seed ${seed}: ink ${ink.join(',')} on a background of luma ${background.luma.toFixed(2)}`);
    }
  });

  it('keeps the whole artwork in frame without overhang, and may crop it with overhang', () => {
    const small = { ...plain, artworkScale: [0.5, 0.5] as const };
    for (let seed = 0; seed < 20; seed++) {
      const scene = composeScene(icon(), small, createRng(seed, 'scene'));
      let dark = 0;
      for (let i = 0; i < scene.image.data.length; i += 4) if (scene.image.data[i]! < 128) dark++;
      assert.equal(dark, 12 * 12, `seed ${seed}: the 12 px ink square is whole`);
    }
    const cropped = Array.from({ length: 40 }, (_, seed) => composeScene(icon(), { ...small, artworkScale: [1, 1], overhang: 0.5 }, createRng(seed, 'scene')));
    assert.ok(cropped.some((scene) => [...scene.image.data].filter((v, i) => i % 4 === 0 && v < 128).length < 24 * 24 - 24), 'some scene crops the ink');
  });
});
