/**
 * ICE attributes: RFC 8839 (candidate, ufrag, pwd, options, lite, mismatch,
 * remote-candidates, pacing) and RFC 8840 (end-of-candidates).
 */
import { type Cursor, isSingleToken, isSpacedTokens, readAll } from './cursor.ts';
import { type AttributeRule, attribute, flag } from './rule.ts';

/** `a=candidate:` (RFC 8839 5.1) with every extension kept in order. */
export interface Candidate {
  foundation: string;
  component: number;
  /** As written: `udp`, `UDP`, `tcp`, even non-standard ones such as `xTLS`. */
  transport: string;
  priority: number;
  address: string;
  port: number;
  /** `host`, `srflx`, `prflx`, `relay`, or another token. */
  type: string;
  relatedAddress?: string;
  relatedPort?: number;
  /** RFC 6544: `active`, `passive` or `so`. */
  tcpType?: string;
  generation?: number;
  ufrag?: string;
  networkId?: number;
  networkCost?: number;
  /**
   * Every name/value pair after `typ <type>`, in order, as written (raddr, rport,
   * tcptype, generation, ufrag, network-id, network-cost and unknown ones alike).
   */
  extensions: [name: string, value: string][];
}

/** `a=ice-ufrag:` (RFC 8839 5.4). */
export interface IceUfrag {
  ufrag: string;
}

/** `a=ice-pwd:` (RFC 8839 5.4). */
export interface IcePwd {
  pwd: string;
}

/** `a=ice-options:` (RFC 8839 5.6): `trickle`, `renomination`, `ice2`, ... */
export interface IceOptions {
  options: string[];
}

/** `a=remote-candidates:` (RFC 8839 5.2). */
export interface RemoteCandidates {
  candidates: { component: number; address: string; port: number }[];
}

/** `a=ice-pacing:` (RFC 8839 5.5), in milliseconds. */
export interface IcePacing {
  pacing: number;
}

const MAX_PRIORITY = 0xffffffff;

function readPort(c: Cursor, what: string): number {
  return c.intToken(what, 65535, 5);
}

function setKnownExtension(out: Candidate, name: string, value: string, c: Cursor, at: number) {
  const int = (max: number) => {
    if (!/^\d{1,10}$/.test(value) || Number(value) > max) c.fail(`${name} must be a number`, at);
    return Number(value);
  };
  switch (name) {
    case 'raddr':
      out.relatedAddress = value;
      break;
    case 'rport':
      out.relatedPort = int(65535);
      break;
    case 'tcptype':
      out.tcpType = value;
      break;
    case 'generation':
      out.generation = int(MAX_PRIORITY);
      break;
    case 'ufrag':
      out.ufrag = value;
      break;
    case 'network-id':
      out.networkId = int(MAX_PRIORITY);
      break;
    case 'network-cost':
      out.networkCost = int(MAX_PRIORITY);
      break;
  }
}

/** Reads a candidate value; exported for parsing trickled candidates on their own. */
export function parseCandidate(value: string): Candidate {
  return readAll(value, (c) => {
    let at = c.pos;
    const foundation = c.token('foundation');
    if (foundation.length > 32) c.fail('foundation is at most 32 characters', at);
    c.space();
    const component = c.intToken('component id', 65535, 5);
    c.space();
    const transport = c.token('transport');
    c.space();
    const priority = c.intToken('priority', MAX_PRIORITY, 10);
    c.space();
    const address = c.token('connection address');
    c.space();
    const port = readPort(c, 'port');
    c.space();
    at = c.pos;
    if (c.token('"typ"') !== 'typ') c.fail('expected "typ"', at);
    c.space();
    const type = c.token('candidate type');
    const out: Candidate = {
      foundation,
      component,
      transport,
      priority,
      address,
      port,
      type,
      extensions: [],
    };
    while (!c.done) {
      c.space();
      const name = c.token('extension name');
      c.space();
      at = c.pos;
      const value = c.token(`value of ${name}`);
      out.extensions.push([name, value]);
      setKnownExtension(out, name, value, c, at);
    }
    return out;
  });
}

/** Writes a candidate value (no `candidate:` prefix). */
export function formatCandidate(v: Candidate): string {
  let s = `${v.foundation} ${v.component} ${v.transport} ${v.priority} ${v.address} ${v.port} typ ${v.type}`;
  for (const [name, value] of v.extensions) s += ` ${name} ${value}`;
  return s;
}

export const candidate = attribute<Candidate>({
  name: 'candidate',
  scope: 'media',
  spec: 'RFC 8839 5.1',
  example:
    'a=candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0 network-id 1',
  parse: parseCandidate,
  format: formatCandidate,
});

export const iceUfrag = attribute<IceUfrag>({
  name: 'ice-ufrag',
  scope: 'both',
  spec: 'RFC 8839 5.4',
  example: 'a=ice-ufrag:EsAw',
  check: isSingleToken,
  parse: (value) =>
    readAll(value, (c) => {
      // ice-char and length rules are checked by validate(), as browsers do on
      // setRemoteDescription; the parser keeps whatever token was sent.
      return { ufrag: c.token('ufrag') };
    }),
  format: (v) => v.ufrag,
});

export const icePwd = attribute<IcePwd>({
  name: 'ice-pwd',
  scope: 'both',
  spec: 'RFC 8839 5.4',
  example: 'a=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y',
  check: isSingleToken,
  parse: (value) =>
    readAll(value, (c) => {
      return { pwd: c.token('password') };
    }),
  format: (v) => v.pwd,
});

export const iceOptions = attribute<IceOptions>({
  name: 'ice-options',
  scope: 'both',
  spec: 'RFC 8839 5.6',
  example: 'a=ice-options:trickle renomination',
  check: isSpacedTokens,
  parse: (value) => readAll(value, (c) => ({ options: c.tokens('ICE option') })),
  format: (v) => v.options.join(' '),
});

export const remoteCandidates = attribute<RemoteCandidates>({
  name: 'remote-candidates',
  scope: 'media',
  spec: 'RFC 8839 5.2',
  example: 'a=remote-candidates:1 192.0.2.3 45664',
  parse: (value) =>
    readAll(value, (c) => {
      const candidates: RemoteCandidates['candidates'] = [];
      while (!c.done) {
        if (candidates.length > 0) c.space();
        const component = c.intToken('component id', 65535, 5);
        c.space();
        const address = c.token('address');
        c.space();
        candidates.push({ component, address, port: readPort(c, 'port') });
      }
      if (candidates.length === 0) c.fail('expected a remote candidate');
      return { candidates };
    }),
  format: (v) => v.candidates.map((r) => `${r.component} ${r.address} ${r.port}`).join(' '),
});

export const icePacing = attribute<IcePacing>({
  name: 'ice-pacing',
  scope: 'session',
  spec: 'RFC 8839 5.5',
  example: 'a=ice-pacing:50',
  parse: (value) => readAll(value, (c) => ({ pacing: c.int('pacing', 999999999, 9) })),
  format: (v) => String(v.pacing),
});

/** ICE attributes. */
export const ICE_RULES: readonly AttributeRule<unknown>[] = [
  candidate,
  flag('end-of-candidates', 'both', 'RFC 8840 8.1'),
  iceUfrag,
  icePwd,
  iceOptions,
  flag('ice-lite', 'session', 'RFC 8839 5.3'),
  flag('ice-mismatch', 'media', 'RFC 8839 5.7'),
  remoteCandidates,
  icePacing,
];
