import { DatasetError } from '../errors/DatasetError.js';
import type { IconSet } from './iconSet.js';

/**
 * A standalone SVG document for one icon, `size` x `size` pixels, the icon's view box
 * centred and scaled to fit (SVG's default `xMidYMid meet`, so a non-square icon keeps its
 * aspect ratio). Throws a DatasetError for an unknown icon or one with Iconify
 * transformations (rotate, flips), which this renderer does not apply.
 * @param size side in pixels, a whole number >= 1.
 */
export function iconSvg(set: IconSet, name: string, size: number): string {
  const icon = Object.hasOwn(set.icons, name) ? set.icons[name] : undefined;
  if (icon === undefined || typeof icon.body !== 'string') {
    throw new DatasetError(`Icon '${name}' is not in ${set.packageName}@${set.version}; classes.json names icons, not aliases.`, set.packageName);
  }
  if (icon.rotate || icon.hFlip || icon.vFlip) {
    throw new DatasetError(`Icon '${name}' of ${set.packageName} is rotated or flipped; only untransformed icons can be rendered.`, set.packageName);
  }
  const viewBox = [icon.left ?? set.left, icon.top ?? set.top, icon.width ?? set.width, icon.height ?? set.height].join(' ');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
    `width="${size}" height="${size}" viewBox="${viewBox}">${icon.body}</svg>`
  );
}
