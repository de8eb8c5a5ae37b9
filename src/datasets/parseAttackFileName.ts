import path from 'node:path';

/** The true label and the written text a real-world attack image's file name carries. */
export interface AttackFileName {
  readonly label: string;
  readonly attackText: string;
}

const pattern = /^label=(.+?)_text=(.+)$/s;

/**
 * Reads the naming convention of published real-world typographic attack sets,
 * `label=<true class>_text=<written word>.<ext>` (`label=dog_text=cat.png`,
 * `label=granny smith_text=iPod.jpg`), into its label and attack text.
 * The label ends at the first `_text=`; the text runs to the last extension.
 * Both are returned verbatim (no case or underscore changes).
 *
 * @param fileName a file name, not a path.
 * @returns undefined when the name is not of that form or a part is blank.
 */
export function parseAttackFileName(fileName: string): AttackFileName | undefined {
  const stem = fileName.slice(0, fileName.length - path.extname(fileName).length);
  const match = pattern.exec(stem);
  const label = match?.[1];
  const attackText = match?.[2];
  if (label === undefined || attackText === undefined || label.trim() === '' || attackText.trim() === '') return undefined;
  return { label, attackText };
}
