/** A `--model` value once parsed: a local directory or a hub repository at a revision. */
export type ModelRef =
  | { readonly kind: 'local'; readonly dir: string }
  | {
      readonly kind: 'hub';
      /** `org/name`. */
      readonly id: string;
      /** Branch, tag or 40-hex commit; `main` when the reference named none. */
      readonly revision: string;
      /** Whether the reference named the revision (`org/name@rev`). */
      readonly explicitRevision: boolean;
    };
