/**
 * The attribute registry: every known `a=` attribute, looked up by name in O(1).
 * Each RFC family keeps its own table; this file only joins them.
 */
import { BUNDLE_RULES, type Group, type Mid, type Msid, type MsidSemantic } from './bundle.ts';
import { CORE_RULES, type Fmtp, type NumberValue, type Rtpmap, type TextValue } from './core.ts';
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
import type { AttributeRule } from './rule.ts';
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
