import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { borrowCanvas } from '../../../src/attacks/render/canvasPixels.js';
import { measureLine } from '../../../src/attacks/render/fitBlock.js';
import { registerBundledFonts } from '../../../src/attacks/fonts/registerBundledFonts.js';

/** Ink bounds of `text` drawn at (100, 60) on white, from the pixels. */
function drawnInk(text: string, font: string) {
  const ctx = borrowCanvas('page', 300, 100);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 300, 100);
  ctx.fillStyle = '#000000';
  ctx.font = font;
  ctx.fillText(text, 100, 60);
  const d = ctx.getImageData(0, 0, 300, 100).data;
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let y = 0; y < 100; y++) {
    for (let x = 0; x < 300; x++) {
      if ((d[(y * 300 + x) * 4] as number) < 255) [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
    }
  }
  return { left: x0 - 100, right: x1 + 1 - 100, top: y0 - 60, bottom: y1 + 1 - 60 };
}

describe('measureLine', () => {
  registerBundledFonts();
  // 'jump' starts left of its origin (negative bearing), 'iPod' right of it: this pins
  // node-canvas's sign convention for actualBoundingBoxLeft, which the layout relies on.
  for (const [text, font] of [['jump', '30px "Liberation Sans"'], ['iPod', '30px "Liberation Sans"'], ['fjord', 'italic 40px "Liberation Serif"'], ['Wave', 'bold 36px "Dancing Script"']] as const) {
    it(`encloses the drawn ink of ${JSON.stringify(text)} in ${font} to within a pixel`, () => {
      const ink = drawnInk(text, font);
      const m = measureLine(borrowCanvas('page', 300, 100), font, text);
      assert.ok(Math.abs(m.left - ink.left) <= 1, `left ${m.left} vs drawn ${ink.left}`);
      assert.ok(Math.abs(m.right - ink.right) <= 1, `right ${m.right} vs drawn ${ink.right}`);
      assert.ok(Math.abs(-m.ascent - ink.top) <= 1, `ascent ${m.ascent} vs drawn ${-ink.top}`);
      assert.ok(Math.abs(m.descent - ink.bottom) <= 1, `descent ${m.descent} vs drawn ${ink.bottom}`);
    });
  }
});
