/**
 * Input limits of the SDP parser. They are on by default so that untrusted input
 * (a signaling server relays SDP from strangers) cannot make `parse` hang or hoard memory.
 */
export interface SdpLimits {
  /** Longest input accepted, in UTF-16 code units. Default 1 MiB. */
  readonly maxBytes: number;
  /** Most lines accepted. Default 20,000. */
  readonly maxLines: number;
  /** Longest single line accepted, terminator excluded. Default 16 KiB. */
  readonly maxLineLength: number;
  /** Most m= sections accepted. Default 512. */
  readonly maxMediaSections: number;
}

/** The defaults; any field of `ParseOptions.limits` overrides one of them. */
export const DEFAULT_LIMITS: SdpLimits = Object.freeze({
  maxBytes: 1024 * 1024,
  maxLines: 20_000,
  maxLineLength: 16 * 1024,
  maxMediaSections: 512,
});

/** Merges user limits over the defaults; a non-positive or non-integer limit is a programmer error. */
export function resolveLimits(limits: Partial<SdpLimits> | undefined): SdpLimits {
  if (limits === undefined) return DEFAULT_LIMITS;
  const merged = { ...DEFAULT_LIMITS, ...limits };
  for (const [key, value] of Object.entries(merged)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(
        `options.limits.${key} must be a positive integer, got ${String(value)}`,
      );
    }
  }
  return Object.freeze(merged);
}
