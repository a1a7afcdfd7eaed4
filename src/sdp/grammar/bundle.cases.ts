/**
 * Well-formed and malformed cases of the grouping attributes (bundle.ts), run by bundle.test.ts and
 * counted by coverage.test.ts. Data only: importing this module registers no tests.
 */
import { type MalformedCase, scope, type ValidAttributes } from './table-harness.ts';

export const BUNDLE_VALID = {
  group: [
    { line: 'a=group:BUNDLE 0 1 2', value: { semantics: 'BUNDLE', mids: ['0', '1', '2'] } },
    { line: 'a=group:BUNDLE audio', value: { semantics: 'BUNDLE', mids: ['audio'] } },
    { line: 'a=group:LS 1 2', value: { semantics: 'LS', mids: ['1', '2'] } },
    { line: 'a=group:BUNDLE', value: { semantics: 'BUNDLE', mids: [] } },
  ],
  mid: [
    { line: 'a=mid:0', value: { mid: '0' } },
    { line: 'a=mid:audio', value: { mid: 'audio' } },
    { line: 'a=mid:a.b_c-d~', value: { mid: 'a.b_c-d~' } },
  ],
  'bundle-only': [{ line: 'a=bundle-only', value: true }],
  msid: [
    {
      line: 'a=msid:- 6c3f6a4e-5d73-4e59-b3c3-7e3b3a1c9b3e',
      value: { streamId: '-', trackId: '6c3f6a4e-5d73-4e59-b3c3-7e3b3a1c9b3e' },
    },
    { line: 'a=msid:stream track', value: { streamId: 'stream', trackId: 'track' } },
    { line: 'a=msid:stream', value: { streamId: 'stream' } },
  ],
  'msid-semantic': [
    {
      line: 'a=msid-semantic: WMS',
      value: { leadingSpace: true, semantic: 'WMS', streamIds: [], trailingSpace: false },
    },
    {
      line: 'a=msid-semantic:WMS *',
      value: { leadingSpace: false, semantic: 'WMS', streamIds: ['*'], trailingSpace: false },
    },
    {
      line: 'a=msid-semantic: WMS ',
      value: { leadingSpace: true, semantic: 'WMS', streamIds: [], trailingSpace: true },
    },
    {
      line: 'a=msid-semantic: WMS stream-a stream-b',
      value: {
        leadingSpace: true,
        semantic: 'WMS',
        streamIds: ['stream-a', 'stream-b'],
        trailingSpace: false,
      },
    },
  ],
} satisfies ValidAttributes;

export const BUNDLE_MALFORMED: MalformedCase[] = [
  // group, mid, bundle-only
  { line: 'a=group:', at: '' },
  { line: 'a=group:BUNDLE ', at: '' },
  { line: 'a=group:BUNDLE 0  1', at: ' 1' },
  { line: 'a=group:BUN"DLE 0', at: 'BUN"DLE 0' },
  scope('a=group:BUNDLE 0', 'media'),
  { line: 'a=mid:', at: '' },
  { line: 'a=mid:a b', at: ' b' },
  { line: 'a=mid:a"b', at: 'a"b' },
  scope('a=mid:0', 'session'),
  { line: 'a=bundle-only:1', at: ':1' },
  scope('a=bundle-only', 'session'),
  // msid, msid-semantic
  { line: 'a=msid:a b c', at: ' c' },
  { line: 'a=msid:', at: '' },
  scope('a=msid:foobar', 'session'),
  { line: 'a=msid-semantic:', at: '' },
  { line: 'a=msid-semantic:  WMS', at: ' WMS' },
  scope('a=msid-semantic:WMS *', 'media'),
];
