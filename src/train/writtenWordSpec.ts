import { bundledFonts } from '../attacks/fonts/fontCatalog.js';
import type { Rng } from '../attacks/random/createRng.js';
import { parseAttackSpec } from '../attacks/spec/parseAttackSpec.js';
import type { AttackSpec } from '../attacks/spec/attackSpecSchema.js';

const hex = (rng: Rng): string => `#${Array.from({ length: 3 }, () => rng.int(0, 255).toString(16).padStart(2, '0')).join('')}`;

/** The plainest way to write a word (dark on a white label): the face and size every variation departs from. */
const plainFont = { family: 'DejaVu Sans', weight: 'normal' } as const;
const plainSize = 0.3;

/** A uniform draw in [-1, 1]. */
const signed = (rng: Rng): number => 2 * rng.next() - 1;

/**
 * How a training image spells its caption's class name, from plain to varied. At variety 0
 * it is always the same: dark DejaVu Sans on a white label, 30% of the short side, centred,
 * upright. Variety v in [0, 1] widens every choice with it: the size by up to +-14 points,
 * the position over v of the free space, the face (a random bundled one with chance v), the
 * ink (with chance v a random fill, an outline and sometimes a paper label), a tilt of up to
 * 15 v degrees and a different letter case. Trained on fully varied words from the start,
 * stroop-tiny does not learn to read at all; from plain words it does (in the plain style).
 * The renderer draws the word exactly as it draws attacks.
 * @param word the class name to write.
 * @param rng the stream the choices are drawn from (one per training image).
 * @param variety how far the choices may stray from the plain word, in [0, 1].
 */
export function writtenWordSpec(word: string, rng: Rng, variety: number): AttackSpec {
  const font = rng.next() < variety ? rng.pick(bundledFonts) : plainFont;
  const colourful = rng.next() < variety;
  const label = (colour: string) => ({ colour, padding: 0.3, cornerRadius: 0.1, opacity: 1 });
  const sticker = !colourful ? label('#ffffff') : rng.next() < 0.25 ? label(rng.pick(['#ffffff', '#fafafa', '#fff8dc', '#f0f0f0', '#ffff99'])) : null;
  const fill = !colourful ? rng.pick(['#000000', '#1a1a1a']) : sticker === null ? hex(rng) : rng.pick(['#000000', '#1a1a1a', '#202060', '#602020']);
  const stroke = colourful && rng.next() < 0.5 ? { colour: hex(rng), widthPx: rng.int(1, 2) } : { colour: '#ffffff', widthPx: 0 };
  return parseAttackSpec(
    {
      text: word,
      font: { family: font.family, weight: font.weight },
      size: { unit: 'shortSide', value: plainSize + 0.14 * variety * signed(rng), minPx: 6, fit: 'shrink' },
      fill,
      stroke,
      placement: { kind: 'fraction', x: 0.5 + 0.5 * variety * signed(rng), y: 0.5 + 0.5 * variety * signed(rng) },
      rotationDeg: rng.next() < 0.5 ? 0 : Math.round(15 * variety * signed(rng)),
      sticker,
      letterCase: rng.next() < variety ? rng.pick(['asIs', 'lower', 'upper', 'title'] as const) : 'asIs',
      wrap: { mode: 'words', maxLines: 2 },
    },
    'writtenWordSpec',
  );
}
