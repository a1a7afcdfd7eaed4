/**
 * The shared SDP corpus (../shared/sdp-corpus, see its README) as test data: every file,
 * the files marked invalid with the first line strict mode must reject, and the
 * known-good browser SDPs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the corpus lives: beside the repository, as in CI; `SDP_CORPUS` overrides. */
export const CORPUS_DIR =
  process.env.SDP_CORPUS ?? fileURLToPath(new URL('../../../shared/sdp-corpus/', import.meta.url));

export interface CorpusFile {
  /** `<owner>__<repo>/<file>` as in the corpus README. */
  readonly name: string;
  readonly text: string;
}

/** Every corpus file except the README, sorted by name. */
export function corpusFiles(): CorpusFile[] {
  const out: CorpusFile[] = [];
  for (const dir of readdirSync(CORPUS_DIR).sort()) {
    const full = join(CORPUS_DIR, dir);
    if (!statSync(full).isDirectory()) continue;
    for (const file of readdirSync(full).sort()) {
      out.push({ name: `${dir}/${file}`, text: readFileSync(join(full, file), 'utf8') });
    }
  }
  return out;
}

/** Reads one corpus file by its `<dir>/<file>` name. */
export function corpusFile(name: string): string {
  return readFileSync(join(CORPUS_DIR, name), 'utf8');
}

/**
 * The 34 files the corpus README marks (invalid on purpose, fragments, or not raw SDP),
 * with where strict mode must stop and why.
 */
export const MARKED: Readonly<Record<string, { code: string; line: number; why: string }>> = {
  'clux__sdp-transform/invalid.sdp': {
    code: 'SDP_ERR_BAD_VALUE',
    line: 7,
    why: 'a=rtcp:1 IN IP7 X',
  },
  'ibc__libsdptransform/invalid.sdp': {
    code: 'SDP_ERR_BAD_VALUE',
    line: 8,
    why: 'a=rtcp:1 IN IP7 X',
  },
  'mozilla__webrtc-sdp/03.sdp': { code: 'SDP_ERR_LINE_SYNTAX', line: 1, why: '; comment line' },
  'mozilla__webrtc-sdp/08.sdp': { code: 'SDP_ERR_LINE_SYNTAX', line: 1, why: '; comment line' },
  'mozilla__webrtc-sdp/11.sdp': { code: 'SDP_ERR_LINE_SYNTAX', line: 1, why: '; comment line' },
  'mozilla__webrtc-sdp/12.sdp': {
    code: 'SDP_ERR_BAD_VALUE',
    line: 19,
    why: 'extmap name "some_extension" is not a URI',
  },
  ...Object.fromEntries(
    [
      ['14', 'candidate'],
      ['15', 'bundle-only'],
      ['16', 'fmtp'],
      ['17', 'ice-mismatch'],
      ['18', 'imageattr'],
      ['19', 'label'],
      ['20', 'maxptime'],
      ['21', 'mid'],
      ['22', 'msid'],
      ['23', 'ptime'],
      ['24', 'remote-candidates'],
      ['25', 'rtcp'],
      ['26', 'rtcp-fb'],
      ['27', 'rtcp-mux'],
      ['28', 'rtcp-rsize'],
      ['29', 'rtpmap'],
      ['30', 'sctpmap'],
      ['31', 'ssrc'],
      ['32', 'ssrc-group'],
    ].map(([n, attr]) => [
      `mozilla__webrtc-sdp/${n}.sdp`,
      { code: 'SDP_ERR_ATTRIBUTE_SCOPE', line: 6, why: `a=${attr} at session level` },
    ]),
  ),
  'mozilla__webrtc-sdp/33.sdp': { code: 'SDP_ERR_BAD_VALUE', line: 9, why: 'a=imageattr:flob' },
  'mozilla__webrtc-sdp/41.sdp': {
    code: 'SDP_ERR_BLANK_LINE',
    line: 91,
    why: 'trailing empty line',
  },
  'webrtc-sdk__webrtc/unittest-3.sdp': { code: 'SDP_ERR_MISSING_LINE', line: 1, why: 'fragment' },
  'webrtc-sdk__webrtc/unittest-6.sdp': { code: 'SDP_ERR_MISSING_LINE', line: 1, why: 'fragment' },
  'webrtc-sdk__webrtc/unittest-7.sdp': { code: 'SDP_ERR_MISSING_LINE', line: 1, why: 'fragment' },
  'webex__ts-sdp/c_lines_in_media.sdp': { code: 'SDP_ERR_MISSING_LINE', line: 1, why: 'no v=' },
  'anjisuan783__mia/Firefox.sdp': { code: 'SDP_ERR_BAD_VALUE', line: 1, why: 'escaped dump' },
  'anjisuan783__mia/chrome_88.sdp': { code: 'SDP_ERR_BAD_VALUE', line: 1, why: 'escaped dump' },
  'anjisuan783__mia/chrome_91.sdp': { code: 'SDP_ERR_BOM', line: 1, why: 'BOM + escaped dump' },
};

/** SDPs written by browsers (Chrome, Firefox, Safari, Opera) that strict mode must accept whole. */
export const KNOWN_GOOD_BROWSER = [
  'awslabs__amazon-kinesis-video-streams-webrtc-sdk-c/1v1a1d-chrome-android.txt',
  'awslabs__amazon-kinesis-video-streams-webrtc-sdk-c/1v1a1d-chrome-linux.txt',
  'awslabs__amazon-kinesis-video-streams-webrtc-sdk-c/1v1a1d-chrome-mac.txt',
  'awslabs__amazon-kinesis-video-streams-webrtc-sdk-c/1v1a1d-safari-mac.txt',
  'elixir-webrtc__ex_webrtc/chromium_audio_video_sdp.txt',
  'elixir-webrtc__ex_webrtc/firefox_audio_video_sdp.txt',
  'fishjam-dev__membrane_webrtc_plugin/2_incoming_tracks_sdp.txt',
  'fishjam-dev__membrane_webrtc_plugin/2_outgoing_tracks_sdp.txt',
  'membraneframework__ex_sdp/chromium_sdp.txt',
  'membraneframework__ex_sdp/firefox_sdp.txt',
  'webex__ts-sdp/chrome_102_a_v_dc_offer.sdp',
  'webex__ts-sdp/chrome_102_a_v_dc_offer_simulcast.sdp',
  'webex__ts-sdp/ffox_101_a_v_dc_offer.sdp',
  'webex__ts-sdp/offer_with_extra_codecs.sdp',
  'webrtc-sdk__webrtc/firefox-1.sdp',
  'webrtc-sdk__webrtc/firefox-2.sdp',
  'webrtc-sdk__webrtc/opera-1.sdp',
  'webrtc-sdk__webrtc/opera-2.sdp',
  'webrtc-sdk__webrtc/simulcast.1.sdp',
  'webrtc-sdk__webrtc/simulcast.2.sdp',
] as const;
