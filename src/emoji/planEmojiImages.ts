import type { EmojiClass } from './emojiClass.js';
import { emojiSlug } from './emojiSlug.js';
import type { EmojiSet, EmojiSplit } from './emojiSets.js';

/** One image of the emoji dataset to render: which icon, where it goes, its label and split. */
export interface EmojiImagePlan {
  /** Path inside the dataset root, POSIX separators: `<set id>/<class slug>.png`. */
  readonly path: string;
  /** The class name. */
  readonly label: string;
  /** The split of the image's set. */
  readonly split: EmojiSplit;
  readonly setId: string;
  /** The icon's name in its set. */
  readonly iconName: string;
}

/** Every image of the dataset, set by set (in `sets` order), each set's classes in class-list order. */
export function planEmojiImages(classes: readonly EmojiClass[], sets: readonly EmojiSet[]): EmojiImagePlan[] {
  return sets.flatMap((set) =>
    classes.map((c) => ({
      path: `${set.id}/${emojiSlug(c.name)}.png`,
      label: c.name,
      split: set.split,
      setId: set.id,
      iconName: c.icons[set.id] ?? '',
    })),
  );
}
