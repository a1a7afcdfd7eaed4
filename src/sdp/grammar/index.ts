/**
 * The attribute registry: every known `a=` attribute, looked up by name in O(1).
 * Each RFC family keeps its own table; this file only joins them.
 */
import { BUNDLE_RULES, type Group, type Mid, type Msid, type MsidSemantic } from './bundle.ts';
import { CORE_RULES, type Fmtp, type NumberValue, type Rtpmap, type TextValue } from './core.ts';
import { matchesAt } from './cursor.ts';
import {
  type ConnectionAttribute,
  DTLS_RULES,
  type Fingerprint,
  type Setup,
  type TlsId,
} from './dtls.ts';
import {
  type Candidate,
  ICE_RULES,
  type IceOptions,
  type IcePacing,
  type IcePwd,
  type IceUfrag,
  type RemoteCandidates,
} from './ice.ts';
import {
  type Crypto,
  type Extmap,
  RTP_RULES,
  type Rtcp,
  type RtcpFb,
  type RtcpXr,
  type Ssrc,
  type SsrcGroup,
} from './rtp.ts';
import type { AttributeRule, AttributeScope } from './rule.ts';
import { type MaxMessageSize, SCTP_RULES, type Sctpmap, type SctpPort } from './sctp.ts';
import { type Rid, SIMULCAST_RULES, type Simulcast } from './simulcast.ts';

/** Typed value of each known attribute, by name. Property attributes have `true`. */
export interface AttributeValues {
  rtpmap: Rtpmap;
  fmtp: Fmtp;
  ptime: NumberValue;
  maxptime: NumberValue;
  framerate: NumberValue;
  quality: NumberValue;
  sendrecv: true;
  sendonly: true;
  recvonly: true;
  inactive: true;
  cat: TextValue;
  keywds: TextValue;
  tool: TextValue;
  orient: TextValue;
  type: TextValue;
  charset: TextValue;
  sdplang: TextValue;
  lang: TextValue;
  label: TextValue;
  identity: TextValue;
  imageattr: TextValue;
  'rtcp-fb': RtcpFb;
  extmap: Extmap;
  'extmap-allow-mixed': true;
  ssrc: Ssrc;
  'ssrc-group': SsrcGroup;
  rtcp: Rtcp;
  'rtcp-mux': true;
  'rtcp-mux-only': true;
  'rtcp-rsize': true;
  'rtcp-xr': RtcpXr;
  crypto: Crypto;
  candidate: Candidate;
  'end-of-candidates': true;
  'ice-ufrag': IceUfrag;
  'ice-pwd': IcePwd;
  'ice-options': IceOptions;
  'ice-lite': true;
  'ice-mismatch': true;
  'remote-candidates': RemoteCandidates;
  'ice-pacing': IcePacing;
  fingerprint: Fingerprint;
  setup: Setup;
  connection: ConnectionAttribute;
  'tls-id': TlsId;
  group: Group;
  mid: Mid;
  'bundle-only': true;
  msid: Msid;
  'msid-semantic': MsidSemantic;
  rid: Rid;
  simulcast: Simulcast;
  'sctp-port': SctpPort;
  'max-message-size': MaxMessageSize;
  sctpmap: Sctpmap;
}

/** The name of a known attribute. */
export type AttributeName = keyof AttributeValues;

/** Every known attribute rule, in table order. */
export const ATTRIBUTE_RULES: readonly AttributeRule<unknown>[] = [
  ...CORE_RULES,
  ...RTP_RULES,
  ...ICE_RULES,
  ...DTLS_RULES,
  ...BUNDLE_RULES,
  ...SIMULCAST_RULES,
  ...SCTP_RULES,
];

const byName = new Map<string, AttributeRule<unknown>>(ATTRIBUTE_RULES.map((r) => [r.name, r]));

/** The rule for a known attribute name, or undefined for an unknown one. */
export function attributeRule<K extends AttributeName>(name: K): AttributeRule<AttributeValues[K]>;
export function attributeRule(name: string): AttributeRule<unknown> | undefined;
export function attributeRule(name: string): AttributeRule<unknown> | undefined {
  return byName.get(name);
}

/** Is `name` an attribute this package knows the grammar of? */
export function isKnownAttribute(name: string): name is AttributeName {
  return byName.has(name);
}

/**
 * A rule as the parser's hot loop sees it. Every entry has this one shape, whatever the
 * shape of the rule it came from, so property reads in the loop stay monomorphic.
 */
export interface CompiledRule {
  readonly name: string;
  readonly scope: AttributeScope;
  readonly flag: boolean;
  readonly check: ((s: string, start: number, end: number) => boolean) | undefined;
  readonly parse: (value: string) => unknown;
}

// Rules bucketed by first character and name length. The parser finds a line's rule by
// comparing in place, without first cutting the name out of the line and hashing it:
// that lookup was a third of the cost of reading a typical browser offer.
const BUCKET_LENGTHS = 32;
// Dense from the start: a sparse array would fall back to dictionary elements, and every
// lookup would become a hash probe.
const buckets: (CompiledRule[] | undefined)[] = new Array(128 * BUCKET_LENGTHS).fill(undefined);
for (const rule of ATTRIBUTE_RULES) {
  const key = rule.name.charCodeAt(0) * BUCKET_LENGTHS + rule.name.length;
  const bucket = buckets[key] ?? [];
  const compiled: CompiledRule = {
    name: rule.name,
    scope: rule.scope,
    flag: rule.flag === true,
    check: rule.check,
    parse: rule.parse,
  };
  bucket.push(compiled);
  buckets[key] = bucket;
}

/** The rule whose name is exactly `line.slice(start, end)`, found without slicing. */
export function findAttributeRule(
  line: string,
  start: number,
  end: number,
): CompiledRule | undefined {
  const length = end - start;
  const first = line.charCodeAt(start);
  if (length >= BUCKET_LENGTHS || length === 0 || first >= 128) return undefined;
  const bucket = buckets[first * BUCKET_LENGTHS + length];
  if (bucket === undefined) return undefined;
  for (let i = 0; i < bucket.length; i++) {
    const rule = bucket[i] as CompiledRule;
    if (matchesAt(line, start, rule.name)) return rule;
  }
  return undefined;
}
