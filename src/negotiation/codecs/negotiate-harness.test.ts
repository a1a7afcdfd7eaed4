/**
 * Shared by the negotiation tests: Chromium 156's own codecs as the local side, offers
 * written in a compact notation and parsed through `switchboard/sdp`, and the answer
 * written back in the same notation.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'switchboard/sdp';
import type { RtpKind } from '../capabilities.ts';
import { CHROMIUM_156_OFFER } from '../presets/chromium-156-offer.ts';
import { codecsOfSection } from './codecs-of-section.ts';
import type { NegotiatedCodec, OfferedCodec } from './negotiate.ts';

const chromium = parse(CHROMIUM_156_OFFER);

/** Chromium 156's audio codecs, payload types included. */
export const CHROMIUM_AUDIO = codecsOfSection(chromium.media[0]!);

/** Chromium 156's video codecs, payload types included. */
export const CHROMIUM_VIDEO = codecsOfSection(chromium.media[1]!);

/**
 * The codecs of an m-section written as `pt name/clock[/channels][ fmtp]` lines (`pt`
 * alone: a static payload type without rtpmap); lines starting `a=` are taken verbatim.
 */
export function offer(kind: RtpKind, lines: readonly string[]): OfferedCodec[] {
  const formats: string[] = [];
  const attributes: string[] = [];
  for (const line of lines) {
    if (line.startsWith('a=')) {
      attributes.push(line);
      continue;
    }
    const m = /^(\d+)(?: (\S+))?(?: (.+))?$/.exec(line);
    if (!m) throw new Error(`bad codec notation: ${line}`);
    const [, pt, rtpmap, fmtp] = m;
    formats.push(pt!);
    if (rtpmap !== undefined) attributes.push(`a=rtpmap:${pt} ${rtpmap}`);
    if (fmtp !== undefined) attributes.push(`a=fmtp:${pt} ${fmtp}`);
  }
  const sdp = [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    `m=${kind} 9 UDP/TLS/RTP/SAVPF ${formats.join(' ')}`,
    'c=IN IP4 0.0.0.0',
    ...attributes,
    '',
  ].join('\r\n');
  return codecsOfSection(parse(sdp).media[0]!);
}

/** A negotiated codec in the notation of {@link offer}, fmtp as the answer writes it. */
export function notation(codec: NegotiatedCodec): string {
  const channels = codec.channels === undefined ? '' : `/${codec.channels}`;
  const fmtp = Object.entries(codec.parameters)
    .map(([k, v]) => (v === '' ? k : `${k}=${v}`))
    .join(';');
  return `${codec.payloadType} ${codec.name}/${codec.clockRate}${channels}${fmtp ? ` ${fmtp}` : ''}`;
}

test('the offer notation reads back as written', () => {
  const lines = ['111 opus/48000/2 minptime=10;useinbandfec=1', '63 red/48000/2 111/111', '0'];
  const codecs = offer('audio', lines).map((c) => notation({ ...c }));
  assert.deepEqual(codecs, [lines[0], lines[1], '0 PCMU/8000']);
});
