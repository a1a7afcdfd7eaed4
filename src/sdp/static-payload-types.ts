/**
 * Static payload types of RFC 3551 section 6 that WebRTC and SIP peers send without an
 * rtpmap: `[encoding name, clock rate, channels]`. Channels is undefined where an rtpmap
 * would omit it (one channel), so a codec reads the same with or without its rtpmap.
 */
export const STATIC_PAYLOAD_TYPES: Readonly<
  Record<number, readonly [string, number, number | undefined]>
> = {
  0: ['PCMU', 8000, undefined],
  3: ['GSM', 8000, undefined],
  4: ['G723', 8000, undefined],
  5: ['DVI4', 8000, undefined],
  6: ['DVI4', 16000, undefined],
  7: ['LPC', 8000, undefined],
  8: ['PCMA', 8000, undefined],
  9: ['G722', 8000, undefined],
  10: ['L16', 44100, 2],
  11: ['L16', 44100, undefined],
  12: ['QCELP', 8000, undefined],
  13: ['CN', 8000, undefined],
  14: ['MPA', 90000, undefined],
  15: ['G728', 8000, undefined],
  16: ['DVI4', 11025, undefined],
  17: ['DVI4', 22050, undefined],
  18: ['G729', 8000, undefined],
  25: ['CelB', 90000, undefined],
  26: ['JPEG', 90000, undefined],
  28: ['nv', 90000, undefined],
  31: ['H261', 90000, undefined],
  32: ['MPV', 90000, undefined],
  33: ['MP2T', 90000, undefined],
  34: ['H263', 90000, undefined],
};
