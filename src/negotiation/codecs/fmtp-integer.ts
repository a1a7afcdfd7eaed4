/**
 * `parseFmtpInteger`: how libwebrtc reads a number out of an fmtp value (`apt`, `profile-id`,
 * `profile`, `tier-flag`, `level-id`, the payload types of an audio RED list). Its
 * `StringToNumber<int>` takes an optional minus sign and decimal digits, nothing around
 * them, so `00` is 0 while `+1`, ` 1` and `1.0` are not numbers.
 */

const DECIMAL = /^-?\d+$/;

/** The integer written in `text`, or `undefined` when libwebrtc would not read one. */
export function parseFmtpInteger(text: string | undefined): number | undefined {
  if (text === undefined || !DECIMAL.test(text)) return undefined;
  const value = Number(text);
  // Outside the 32-bit int range libwebrtc reports an overflow instead of a number.
  return value >= -2147483648 && value <= 2147483647 ? value : undefined;
}
