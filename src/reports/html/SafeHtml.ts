/**
 * A fragment of HTML that stroop wrote (or escaped) itself: the only thing the {@link html}
 * tag inserts without escaping. Never construct one from data; build it with `html`.
 */
export class SafeHtml {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}
