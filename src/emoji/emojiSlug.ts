/** The file name an image of this class gets: the name with spaces as hyphens (`soccer ball` -> `soccer-ball`). */
export function emojiSlug(name: string): string {
  return name.replace(/ /g, '-');
}
