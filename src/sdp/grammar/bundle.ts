/**
 * Grouping and identification: group and mid (RFC 5888), bundle-only (RFC 9143),
 * msid and msid-semantic (RFC 8830 and its WMS predecessor).
 */
import { isToken, isTokenRange, readAll } from './cursor.ts';
import { type AttributeRule, attribute, flag } from './rule.ts';

/** `a=group:<semantics> <mid> ...` (RFC 5888 5): BUNDLE, LS, FID, DUP, ... */
export interface Group {
  semantics: string;
  mids: string[];
}

/** `a=mid:<identification-tag>` (RFC 5888 4). */
export interface Mid {
  mid: string;
}

/** `a=msid:<stream id> [<track id>]` (RFC 8830 2); stream id `-` means no stream. */
export interface Msid {
  streamId: string;
  trackId?: string;
}

/** `a=msid-semantic:[ ]<semantic> [<stream id> ...]` (legacy WMS, still emitted by libwebrtc). */
export interface MsidSemantic {
  /** Whether a space follows the colon, as libwebrtc writes it. */
  leadingSpace: boolean;
  semantic: string;
  streamIds: string[];
  /** A trailing space after the last token, as libwebrtc writes `WMS `. */
  trailingSpace: boolean;
}

export const group = attribute<Group>({
  name: 'group',
  scope: 'session',
  spec: 'RFC 5888 5',
  example: 'a=group:BUNDLE 0 1 2',
  parse: (value) =>
    readAll(value, (c) => {
      const semantics = c.token('semantics');
      if (!isToken(semantics)) c.fail('semantics must be a token', 0);
      const mids: string[] = [];
      while (!c.done) {
        c.space();
        mids.push(c.token('mid'));
      }
      return { semantics, mids };
    }),
  format: (v) => [v.semantics, ...v.mids].join(' '),
});

export const mid = attribute<Mid>({
  name: 'mid',
  scope: 'media',
  spec: 'RFC 5888 4',
  example: 'a=mid:0',
  check: isTokenRange,
  parse: (value) =>
    readAll(value, (c) => {
      const id = c.token('identification tag');
      if (!isToken(id)) c.fail('mid must be a token', 0);
      return { mid: id };
    }),
  format: (v) => v.mid,
});

export const msid = attribute<Msid>({
  name: 'msid',
  scope: 'media',
  spec: 'RFC 8830 2',
  example: 'a=msid:- 6c3f6a4e-5d73-4e59-b3c3-7e3b3a1c9b3e',
  parse: (value) =>
    readAll(value, (c) => {
      const streamId = c.token('stream id');
      if (c.done) return { streamId };
      c.space();
      return { streamId, trackId: c.token('track id') };
    }),
  format: (v) => (v.trackId === undefined ? v.streamId : `${v.streamId} ${v.trackId}`),
});

export const msidSemantic = attribute<MsidSemantic>({
  name: 'msid-semantic',
  scope: 'session',
  spec: 'draft-ietf-mmusic-msid-05 (WMS)',
  example: 'a=msid-semantic: WMS',
  parse: (value) =>
    readAll(value, (c) => {
      const leadingSpace = c.eat(' ');
      const semantic = c.token('semantic');
      const streamIds: string[] = [];
      let trailingSpace = false;
      while (!c.done) {
        c.space();
        if (c.done) {
          trailingSpace = true;
          break;
        }
        streamIds.push(c.token('stream id'));
      }
      return { leadingSpace, semantic, streamIds, trailingSpace };
    }),
  format: (v) =>
    `${v.leadingSpace ? ' ' : ''}${[v.semantic, ...v.streamIds].join(' ')}${v.trailingSpace ? ' ' : ''}`,
});

/** Grouping attributes. */
export const BUNDLE_RULES: readonly AttributeRule<unknown>[] = [
  group,
  mid,
  flag('bundle-only', 'media', 'RFC 9143 6'),
  msid,
  msidSemantic,
];
