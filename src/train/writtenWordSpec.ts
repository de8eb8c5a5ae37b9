import { bundledFonts } from '../attacks/fonts/fontCatalog.js';
import { signedUnit, type Rng } from '../attacks/random/createRng.js';
import { parseAttackSpec } from '../attacks/spec/parseAttackSpec.js';
import type { AttackSpec } from '../attacks/spec/attackSpecSchema.js';

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
