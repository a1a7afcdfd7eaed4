/**
 * Well-formed and malformed cases of the core attributes (core.ts: RFC 8866 section 6 and close
 * relatives), run by core.test.ts and counted by coverage.test.ts. Data only: importing this
 * module registers no tests.
 */
import { type MalformedCase, scope, type ValidAttributes } from './table-harness.ts';

export const CORE_VALID = {
  rtpmap: [
    {
      line: 'a=rtpmap:111 opus/48000/2',
      value: { payloadType: 111, encodingName: 'opus', clockRate: 48000, channels: 2 },
    },
    {
      line: 'a=rtpmap:96 VP8/90000',
      value: { payloadType: 96, encodingName: 'VP8', clockRate: 90000 },
    },
    {
      line: 'a=rtpmap:0 PCMU/8000',
      value: { payloadType: 0, encodingName: 'PCMU', clockRate: 8000 },
    },
    {
      line: 'a=rtpmap:126 telephone-event/8000',
      value: { payloadType: 126, encodingName: 'telephone-event', clockRate: 8000 },
    },
  ],
  fmtp: [
    {
      line: 'a=fmtp:111 minptime=10;useinbandfec=1',
      value: {
        payloadType: 111,
        config: 'minptime=10;useinbandfec=1',
        parameters: [
          { name: 'minptime', value: '10' },
          { name: 'useinbandfec', value: '1' },
        ],
      },
    },
    {
      line: 'a=fmtp:96 sprop-parameter-sets=Z0IAH5WoFAFuQA==,aM48gA==',
      value: {
        payloadType: 96,
        config: 'sprop-parameter-sets=Z0IAH5WoFAFuQA==,aM48gA==',
        parameters: [{ name: 'sprop-parameter-sets', value: 'Z0IAH5WoFAFuQA==,aM48gA==' }],
      },
    },
    {
      line: 'a=fmtp:101 0-15',
      value: { payloadType: 101, config: '0-15', parameters: [{ name: '0-15' }] },
    },
    {
      line: 'a=fmtp:63 111/111',
      value: { payloadType: 63, config: '111/111', parameters: [{ name: '111/111' }] },
    },
    // Whitespace around a piece is trimmed whatever its kind, bare pieces included.
    {
      line: 'a=fmtp:101 0-15;\t16;\t',
      value: {
        payloadType: 101,
        config: '0-15;\t16;\t',
        parameters: [{ name: '0-15' }, { name: '16' }],
      },
    },
    {
      line: 'a=fmtp:97 apt=96; x-google-start-bitrate = 800 ;',
      value: {
        payloadType: 97,
        config: 'apt=96; x-google-start-bitrate = 800 ;',
        parameters: [
          { name: 'apt', value: '96' },
          { name: 'x-google-start-bitrate', value: '800' },
        ],
      },
    },
  ],
  ptime: [
    { line: 'a=ptime:20', value: { value: 20 } },
    { line: 'a=ptime:2.5', value: { value: 2.5 } },
    { line: 'a=ptime:020', value: { value: 20 }, formats: '20' },
  ],
  maxptime: [{ line: 'a=maxptime:120', value: { value: 120 } }],
  framerate: [
    { line: 'a=framerate:30', value: { value: 30 } },
    { line: 'a=framerate:29.97', value: { value: 29.97 } },
  ],
  quality: [{ line: 'a=quality:10', value: { value: 10 } }],
  sendrecv: [
    { line: 'a=sendrecv', value: true },
    { line: 'a=sendrecv', value: true, level: 'session' },
  ],
  sendonly: [
    { line: 'a=sendonly', value: true },
    { line: 'a=sendonly', value: true, level: 'session' },
  ],
  recvonly: [{ line: 'a=recvonly', value: true }],
  inactive: [{ line: 'a=inactive', value: true }],
  cat: [{ line: 'a=cat:sdp.seminars', value: { value: 'sdp.seminars' } }],
  keywds: [{ line: 'a=keywds:SDP WebRTC', value: { value: 'SDP WebRTC' } }],
  tool: [{ line: 'a=tool:libwebrtc 1.0', value: { value: 'libwebrtc 1.0' } }],
  orient: [{ line: 'a=orient:portrait', value: { value: 'portrait' } }],
  type: [{ line: 'a=type:broadcast', value: { value: 'broadcast' } }],
  charset: [{ line: 'a=charset:ISO-8859-1', value: { value: 'ISO-8859-1' } }],
  sdplang: [{ line: 'a=sdplang:fr', value: { value: 'fr' } }],
  lang: [{ line: 'a=lang:de', value: { value: 'de' } }],
  label: [{ line: 'a=label:1', value: { value: '1' } }],
  identity: [{ line: 'a=identity:eyJpZHAiOnt9fQ==', value: { value: 'eyJpZHAiOnt9fQ==' } }],
  imageattr: [
    {
      line: 'a=imageattr:97 send [x=800,y=640] recv *',
      value: { value: '97 send [x=800,y=640] recv *' },
    },
    { line: 'a=imageattr:* recv *', value: { value: '* recv *' } },
  ],
} satisfies ValidAttributes;

export const CORE_MALFORMED: MalformedCase[] = [
  // rtpmap
  { line: 'a=rtpmap:111 opus', at: '' },
  { line: 'a=rtpmap:111 opus/', at: '' },
  { line: 'a=rtpmap:256 opus/48000', at: '256 opus/48000' },
  { line: 'a=rtpmap:x opus/48000', at: 'x opus/48000' },
  { line: 'a=rtpmap:111 opus/abc', at: 'abc' },
  { line: 'a=rtpmap:111 opus/48000/2/3', at: '/3' },
  { line: 'a=rtpmap:111  opus/48000', at: ' opus/48000' },
  { line: 'a=rtpmap:111 /48000', at: '/48000' },
  { line: 'a=rtpmap', at: '' },
  scope('a=rtpmap:111 opus/48000/2', 'session'),
  // fmtp
  { line: 'a=fmtp:96', at: '' },
  { line: 'a=fmtp:96 ', at: '' },
  { line: 'a=fmtp:x profile-level-id=42e01f', at: 'x profile-level-id=42e01f' },
  scope('a=fmtp:109 0-15', 'session'),
  // ptime, maxptime, framerate, quality
  { line: 'a=ptime:x', at: 'x' },
  { line: 'a=ptime:20 ', at: ' ' },
  { line: 'a=maxptime:-1', at: '-1' },
  { line: 'a=framerate:30.', at: '30.' },
  { line: 'a=framerate:.5', at: '.5' },
  { line: 'a=quality:high', at: 'high' },
  scope('a=ptime:20', 'session'),
  scope('a=maxptime:120', 'session'),
  // direction attributes
  { line: 'a=sendrecv:1', at: ':1' },
  { line: 'a=sendonly:', at: ':' },
  { line: 'a=recvonly:x', at: ':x' },
  { line: 'a=inactive:x', at: ':x' },
  // text attributes
  { line: 'a=cat:', at: '' },
  { line: 'a=keywds: SDP', at: ' SDP' },
  { line: 'a=tool:', at: '' },
  { line: 'a=orient:', at: '' },
  { line: 'a=type:', at: '' },
  { line: 'a=charset:', at: '' },
  { line: 'a=sdplang:', at: '' },
  { line: 'a=lang:', at: '' },
  { line: 'a=label:', at: '' },
  { line: 'a=identity:', at: '' },
  scope('a=tool:switchboard', 'media'),
  scope('a=label:1', 'session'),
  // imageattr
  { line: 'a=imageattr:97 sideways *', at: '97 sideways *' },
  { line: 'a=imageattr:flob', at: 'flob' },
];
