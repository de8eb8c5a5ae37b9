/**
 * How a training image writes its caption's class name: on a paper label (stroop-tiny v1's
 * only style), or, for v2, also as the literature writes attacks: a coloured, outlined word
 * anywhere (Defense-Prefix's synthetic images) or a small handwritten sticker (OpenAI's "iPod"
 * apple). Each returns the AttackSpec the attack renderer draws, so training words are drawn
 * exactly as attacks are.
 */
import { parseAttackSpec, type AttackSpec } from '../attacks/attackSpec.js';
import { signedUnit, type Rng } from '../attacks/createRng.js';
import { bundledFonts } from '../attacks/fonts/fontCatalog.js';
import type { AttackPreset } from '../attacks/presets/attackPreset.js';
import { expandPreset } from '../attacks/presets/expandPreset.js';
import { loadPreset } from '../attacks/presets/loadPreset.js';

/**
 * Shares of the literature styles among written words; the rest are paper labels. Plain data.
 * v2 (`drawnAs` absent): the widened styles (overlayWordSpec, stickerWordSpec), each with chance
 * v times its share at an image's variety v; training draws each image's variety uniformly below
 * the step's bound (composeTrainingImage), so at full variety half these shares are realised.
 * v4 (`drawnAs: 'presets'`): the shipped presets' own draws (presetWordSpec), at these shares
 * whatever the variety, which then shapes only the paper labels.
 */
export interface WordStyleShares {
  /** Coloured, outlined words at any position (Defense-Prefix). */
  readonly overlay: number;
  /** Small handwritten stickers (OpenAI's "iPod" label). */
  readonly sticker: number;
  /** v4: draw them as the shipped defense-prefix and openai-sticker presets do; absent, v2's widened styles. */
  readonly drawnAs?: 'presets';
}

/** The plainest way to write a word (dark on a white label): the face and size every variation departs from. */
const plainFont = { family: 'DejaVu Sans', weight: 'normal' } as const;
const plainSize = 0.3;

/** Paper colours of the label, and inks the word is written in. */
const labelColours = ['#ffffff', '#fafafa', '#fff8dc', '#f0f0f0', '#ffff99'];
const inks = ['#000000', '#1a1a1a', '#202060', '#602020'];

/**
 * How a training image spells its caption's class name: in dark ink on a paper label, from
 * plain to varied. At variety 0 it is DejaVu Sans, 30% of the short side, centred and upright;
 * variety v in [0, 1] widens every choice with it: the face (a random bundled one with chance
 * v), the size (down to 30 - 18 v and up to 30 + 6 v points of the short side), the position
 * (over 0.3 v of the free space either way), a tilt of up to 12 v degrees half of the time, and
 * another letter case with chance v. The label and ink colours vary a little at every variety.
 *
 * Labels, not words in any colour anywhere: with colourful, outlined words at any position as
 * well (an earlier recipe), 900 steps taught stroop-tiny to read only the plainest style (a
 * fully varied word read 2.5% of the time, against 7.5% for the fully varied label here and
 * 87% for the plain one). The renderer draws the word exactly as it draws attacks.
 * @param word the class name to write.
 * @param rng the stream the choices are drawn from (one per training image).
 * @param variety how far the choices may stray from the plain word, in [0, 1].
 */
export function writtenWordSpec(word: string, rng: Rng, variety: number): AttackSpec {
  const font = rng.next() < variety ? rng.pick(bundledFonts) : plainFont;
  const sticker = { colour: rng.pick(labelColours), padding: 0.3, cornerRadius: 0.1, opacity: 1 };
  const fill = rng.pick(inks);
  const size = plainSize + variety * (0.24 * rng.next() - 0.18);
  return parseAttackSpec(
    {
      text: word,
      font: { family: font.family, weight: font.weight },
      size: { unit: 'shortSide', value: size, minPx: 6, fit: 'shrink' },
      fill,
      stroke: { colour: '#ffffff', widthPx: 0 },
      placement: { kind: 'fraction', x: 0.5 + 0.3 * variety * signedUnit(rng), y: 0.5 + 0.3 * variety * signedUnit(rng) },
      rotationDeg: rng.next() < 0.5 ? 0 : Math.round(12 * variety * signedUnit(rng)),
      sticker,
      letterCase: rng.next() < variety ? rng.pick(['asIs', 'lower', 'upper', 'title'] as const) : 'asIs',
      wrap: { mode: 'words', maxLines: 2 },
    },
    'writtenWordSpec',
  );
}


/** The eight colours of Defense-Prefix's words and outlines (CSS names). */
const overlayColours = ['white', 'blue', 'green', 'red', 'magenta', 'cyan', 'yellow', 'black'] as const;

/**
 * A word as Defense-Prefix writes it, widened: any bundled face, 14-40 px (shrunk to fit), one
 * of its eight colours with a 1 px outline in another, at a random position, on two lines at most.
 */
export function overlayWordSpec(word: string, rng: Rng): AttackSpec {
  const font = rng.pick(bundledFonts);
  const fill = rng.pick(overlayColours);
  const stroke = rng.pick(overlayColours.filter((c) => c !== fill));
  return parseAttackSpec(
    {
      text: word,
      font: { family: font.family, weight: font.weight },
      size: { unit: 'px', value: rng.int(14, 40), minPx: 1, fit: 'shrink' },
      fill,
      stroke: { colour: stroke, widthPx: 1 },
      placement: { kind: 'random' },
      wrap: { mode: 'words', maxLines: 2 },
    },
    'overlayWordSpec',
  );
}

/**
 * A word on a small sticker, as OpenAI's "iPod" label: a handwriting (or any) face, 10-16% of
 * the short side, dark ink on a light label, tilted up to 10 degrees, anywhere but mostly low.
 */
export function stickerWordSpec(word: string, rng: Rng): AttackSpec {
  const handwriting = bundledFonts.filter((f) => f.role === 'handwriting');
  const font = rng.next() < 0.6 ? rng.pick(handwriting) : rng.pick(bundledFonts);
  return parseAttackSpec(
    {
      text: word,
      font: { family: font.family, weight: font.weight },
      size: { unit: 'shortSide', value: 0.1 + 0.06 * rng.next(), minPx: 6, fit: 'shrink' },
      fill: rng.pick(inks),
      sticker: { colour: rng.pick(labelColours), padding: 0.35, cornerRadius: 0.1, opacity: 1 },
      placement: { kind: 'fraction', x: 0.5 + 0.3 * signedUnit(rng), y: 0.65 + 0.25 * signedUnit(rng) },
      rotationDeg: rng.int(-10, 10),
      wrap: { mode: 'words', maxLines: 2 },
    },
    'stickerWordSpec',
  );
}

/** The literature presets training words may be drawn from, loaded once. */
const literaturePresets = new Map<LiteraturePreset, AttackPreset>();
export type LiteraturePreset = 'defense-prefix' | 'openai-sticker';

/**
 * `word` written as the shipped preset writes its attacks (attacks/presets/<name>.json): one
 * draw of the preset's varied fields (face, size, colours, tilt; a random position for
 * defense-prefix) from a seed taken from `rng`, with `word` as the text. The demo evaluates
 * with the same presets, on other images and with a wrong class name.
 */
export function presetWordSpec(word: string, name: LiteraturePreset, rng: Rng): AttackSpec {
  let preset = literaturePresets.get(name);
  if (preset === undefined) literaturePresets.set(name, (preset = loadPreset(name)));
  const [spec] = expandPreset({ ...preset, text: { strategy: 'fixed', text: word } }, { label: word, classes: [word], seed: rng.int(0, 2 ** 31 - 1) });
  if (spec === undefined) throw new Error(`Preset ${name} gave no spec for ${JSON.stringify(word)}.`);
  return spec;
}

/**
 * The style a training word is written in at variety v. v2's shares: with chance v x
 * `shares.overlay` an overlay word, with chance v x `shares.sticker` a sticker, otherwise a
 * paper label of variety v (see writtenWordSpec). v4's (`drawnAs: 'presets'`): with chance
 * `shares.overlay` a defense-prefix draw, `shares.sticker` an openai-sticker one, otherwise the
 * label. Without `shares`, always the label, drawing nothing more from `rng` (v1's stream).
 */
export function trainingWordSpec(word: string, rng: Rng, variety: number, shares?: WordStyleShares): AttackSpec {
  if (shares?.drawnAs === 'presets') {
    const roll = rng.next();
    if (roll < shares.overlay) return presetWordSpec(word, 'defense-prefix', rng);
    if (roll < shares.overlay + shares.sticker) return presetWordSpec(word, 'openai-sticker', rng);
    return writtenWordSpec(word, rng, variety);
  }
  if (shares !== undefined) {
    const roll = rng.next();
    if (roll < variety * shares.overlay) return overlayWordSpec(word, rng);
    if (roll < variety * (shares.overlay + shares.sticker)) return stickerWordSpec(word, rng);
  }
  return writtenWordSpec(word, rng, variety);
}
