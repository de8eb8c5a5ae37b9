import path from 'node:path';
import { registerFont } from 'canvas';
import { bundledFonts, fontsDir } from './fontCatalog.js';

let registered = false;

/**
 * Makes the renderer independent of the host's fonts, once per process:
 * points fontconfig at `attacks/fonts/fonts.conf` (only the bundled folder, fixed
 * antialiasing and hinting, synthetic bold/oblique) and registers every bundled
 * file with node-canvas. Idempotent.
 *
 * fontconfig reads FONTCONFIG_FILE when it first initialises, so this must run
 * before anything in the process lays out text; the renderer calls it before its
 * first render. The variable is inherited by child processes, which is harmless.
 */
export function registerBundledFonts(): void {
  if (registered) return;
  process.env['FONTCONFIG_FILE'] = path.join(fontsDir, 'fonts.conf');
  for (const font of bundledFonts) {
    registerFont(path.join(fontsDir, font.file), { family: font.family, weight: font.weight, style: 'normal' });
  }
  registered = true;
}
