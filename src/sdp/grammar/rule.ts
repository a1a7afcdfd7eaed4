/**
 * The shape of a grammar table entry. One entry drives both directions: `parse` reads a
 * value into its typed form and `format` writes the typed form back, so that edits and
 * generated models produce exactly what the parser accepts.
 */

/** Where an attribute may appear (RFC 8866 section 6 and the defining RFCs). */
export type AttributeScope = 'session' | 'media' | 'both';

/** A grammar entry for one `a=` attribute. */
export interface AttributeRule<T> {
  /** The attribute name as on the wire, e.g. `rtpmap`. */
  readonly name: string;
  /** Where it may appear; strict mode rejects it elsewhere. */
  readonly scope: AttributeScope;
  /** The spec section that defines it, e.g. `RFC 8866 6.6`. */
  readonly spec: string;
  /** One real example line. */
  readonly example: string;
  /** A property attribute (`a=rtcp-mux`): it carries no value. */
  readonly flag?: boolean;
  /**
   * Optional quick check of a well-formed value at `s[start, end)`, allocating nothing. It
   * reads the parser's input in place (`s` is the whole input, not the line) because
   * character reads on a flat string cost half of those on a line cut out of it.
   * `true` promises that `parse` will succeed on that value, so the parser may defer
   * building the typed value until it is read; `false` only means "not sure", and the
   * parser then runs `parse` at once (which reports the exact error position).
   */
  check?(s: string, start: number, end: number): boolean;
  /** Reads the value after `name:`; throws `GrammarError` with an offset on bad input. */
  parse(value: string): T;
  /** Writes the typed value back (the part after `name:`; unused for flags). */
  format(value: T): string;
}

/** A grammar entry for a non-attribute line type (`v=`, `o=`, `m=`, ...). */
export interface LineRule<T> {
  readonly type: string;
  readonly spec: string;
  readonly example: string;
  /** As `AttributeRule.check`. */
  check?(s: string, start: number, end: number): boolean;
  parse(value: string): T;
  format(value: T): string;
}

/** Declares an attribute rule with its value type inferred. */
export function attribute<T>(rule: AttributeRule<T>): AttributeRule<T> {
  return rule;
}

/** Declares a property attribute (no value); its typed value is `true`. */
export function flag(name: string, scope: AttributeScope, spec: string): AttributeRule<true> {
  return {
    name,
    scope,
    spec,
    example: `a=${name}`,
    flag: true,
    parse: () => true,
    format: () => '',
  };
}
