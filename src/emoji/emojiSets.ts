/**
 * Which part of the emoji dataset a set's images go to: `train` styles are what stroop-tiny
 * learns from; `heldout` styles are never trained on, so accuracy on them is zero-shot on
 * artwork the model has not seen.
 */
export type EmojiSplit = 'train' | 'heldout';

/** One emoji style: an Iconify JSON icon set published on npm. Plain data. */
export interface EmojiSet {
  /** The Iconify prefix, e.g. `twemoji`: the key of `icons` in classes.json and the image folder name. */
  readonly id: string;
  /** The npm package holding `icons.json`, pinned in package.json. */
  readonly packageName: string;
  /** Human name of the artwork and its version as Iconify states it. */
  readonly title: string;
  /** SPDX licence id of the artwork. */
  readonly licence: string;
  readonly split: EmojiSplit;
}

const sets: EmojiSet[] = [
  { id: 'twemoji', packageName: '@iconify-json/twemoji', title: 'Twemoji (Twitter Emoji)', licence: 'CC-BY-4.0', split: 'train' },
  { id: 'noto-v1', packageName: '@iconify-json/noto-v1', title: 'Noto Emoji (v1)', licence: 'Apache-2.0', split: 'train' },
  { id: 'fluent-emoji-flat', packageName: '@iconify-json/fluent-emoji-flat', title: 'Fluent Emoji Flat (Microsoft)', licence: 'MIT', split: 'train' },
  { id: 'emojione', packageName: '@iconify-json/emojione', title: 'Emoji One (Colored) 2.3.0', licence: 'CC-BY-4.0', split: 'train' },
  { id: 'fxemoji', packageName: '@iconify-json/fxemoji', title: 'Firefox OS Emoji 0.0.2', licence: 'Apache-2.0', split: 'train' },
  { id: 'openmoji', packageName: '@iconify-json/openmoji', title: 'OpenMoji', licence: 'CC-BY-SA-4.0', split: 'heldout' },
  { id: 'emojione-v1', packageName: '@iconify-json/emojione-v1', title: 'Emoji One (v1) 1.5.2', licence: 'CC-BY-SA-4.0', split: 'heldout' },
];

/**
 * The emoji sets of the dataset, in manifest order: five permissively licensed styles for
 * training, and the two CC BY-SA styles held out for evaluation only, so that no share-alike
 * artwork flows into the committed weights (datasets/emoji/README.md gives the reasons and
 * the sets left out).
 */
export const emojiSets: readonly EmojiSet[] = Object.freeze(sets.map((set) => Object.freeze(set)));
