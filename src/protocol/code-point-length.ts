/**
 * The length of a string as JSON Schema's `maxLength` and `minLength` count it: in characters
 * (code points), not UTF-16 code units (JSON Schema Validation, section 6.3.1).
 */

/** Code points in `text`, a surrogate pair counting once, a lone surrogate once (as ajv). */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
