import path from 'node:path';
import { packageRoot } from '../packageRoot.js';

/** The folder of the bundled font files, their licences and `fonts.conf` (attacks/fonts/). */
export const bundledFontsDir = path.join(packageRoot, 'attacks', 'fonts');

/** stroop's fontconfig file: only the bundled fonts folder, fixed antialiasing and hinting. */
export const bundledFontconfigFile = path.join(bundledFontsDir, 'fonts.conf');

/**
 * Points fontconfig at stroop's own configuration, so text renders the same on every host.
 * fontconfig reads FONTCONFIG_FILE once, when cairo first initialises it, and that happens
 * when the process creates its first canvas, whatever it draws: measured, one canvas created
 * (a JPEG decoded through node-canvas, a scene composed) before this was set changed every
 * attack rendered afterwards in the process. So every module that creates a canvas calls this
 * first (test/image/bundledFontconfig.test.ts checks that they do, and the renders that
 * follow). Idempotent and cheap; the variable is inherited by child processes, harmlessly.
 */
export function useBundledFontconfig(): void {
  if (process.env['FONTCONFIG_FILE'] !== bundledFontconfigFile) process.env['FONTCONFIG_FILE'] = bundledFontconfigFile;
}
