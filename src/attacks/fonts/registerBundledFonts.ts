import path from 'node:path';
import { registerFont } from 'canvas';
import { useBundledFontconfig } from '../../util/bundledFontconfig.js';
import { bundledFonts, fontsDir } from './fontCatalog.js';

let registered = false;

/**
 * Makes the renderer independent of the host's fonts, once per process:
 * points fontconfig at `attacks/fonts/fonts.conf` (only the bundled folder, fixed
 * antialiasing and hinting, synthetic bold/oblique) and registers every bundled
 * file with node-canvas. Idempotent.
 *
 * fontconfig reads FONTCONFIG_FILE when it first initialises, which is when the
 * process creates its first canvas (see useBundledFontconfig, which every module
 * creating a canvas calls first); the renderer calls this before its first render.
 */
export function registerBundledFonts(): void {
  if (registered) return;
  useBundledFontconfig();
  for (const font of bundledFonts) {
    registerFont(path.join(fontsDir, font.file), { family: font.family, weight: font.weight, style: 'normal' });
  }
  registered = true;
}
