/** RTP stream identifiers (RFC 8851) and simulcast (RFC 8853). */
import { type Cursor, readAll } from './cursor.ts';
import { type AttributeRule, attribute } from './rule.ts';

/** One `name=value` restriction of a rid, e.g. `max-width=1280`. */
export interface RidRestriction {
  name: string;
  value?: string;
}

/** `a=rid:<rid-id> <send|recv> [pt=<fmt>,...;<restriction>=<value>;...]` (RFC 8851 10). */
export interface Rid {
  id: string;
  direction: 'send' | 'recv';
  /** From the `pt=` restriction, when present. */
  payloadTypes?: number[];
  /** Every restriction in order, `pt=` included. */
  restrictions: RidRestriction[];
}

/** One RTP stream of a simulcast description with its alternatives. */
export type SimulcastStream = { rid: string; paused: boolean }[];

/** `a=simulcast:<dir> <streams> [<dir> <streams>]` (RFC 8853 5.1). */
export interface Simulcast {
  send?: SimulcastStream[];
  recv?: SimulcastStream[];
  /** The direction written first, so that formatting keeps the order. */
  first: 'send' | 'recv';
}

const RID_ID = /^[A-Za-z0-9_-]+$/;

function readRidId(c: Cursor): string {
  const start = c.pos;
  const s = c.input;
  let i = start;
  while (i < s.length) {
    const ch = s[i] as string;
    if (ch === ',' || ch === ';' || ch === ' ') break;
    i++;
  }
  const id = s.slice(start, i);
  if (!RID_ID.test(id)) c.fail('a rid is made of letters, digits, "-" and "_"', start);
  c.pos = i;
  return id;
}

function readStreams(c: Cursor): SimulcastStream[] {
  const streams: SimulcastStream[] = [];
  do {
    const stream: SimulcastStream = [];
    do {
      const paused = c.eat('~');
      stream.push({ rid: readRidId(c), paused });
    } while (c.eat(','));
    streams.push(stream);
  } while (c.eat(';'));
  return streams;
}

function formatStreams(streams: readonly SimulcastStream[]): string {
  return streams.map((s) => s.map((a) => `${a.paused ? '~' : ''}${a.rid}`).join(',')).join(';');
}

export const rid = attribute<Rid>({
  name: 'rid',
  scope: 'media',
  spec: 'RFC 8851 10',
  example: 'a=rid:h send pt=96;max-width=1280;max-height=720',
  parse: (value) =>
    readAll(value, (c) => {
      const id = readRidId(c);
      c.space();
      const at = c.pos;
      const direction = c.token('direction');
      if (direction !== 'send' && direction !== 'recv')
        c.fail('direction must be send or recv', at);
      const out: Rid = { id, direction: direction as Rid['direction'], restrictions: [] };
      if (c.done) return out;
      c.space();
      // `pieceAt` follows each piece so that errors point into it, not at the list.
      let pieceAt = c.pos;
      for (const piece of c.rest().split(';')) {
        const eq = piece.indexOf('=');
        const name = eq < 0 ? piece : piece.slice(0, eq);
        if (!/^[A-Za-z0-9_-]+$/.test(name)) c.fail('expected a restriction name', pieceAt);
        if (eq < 0) {
          out.restrictions.push({ name });
          pieceAt += piece.length + 1;
          continue;
        }
        const restrictionValue = piece.slice(eq + 1);
        out.restrictions.push({ name, value: restrictionValue });
        if (name === 'pt') {
          let ptAt = pieceAt + eq + 1;
          out.payloadTypes = restrictionValue.split(',').map((pt) => {
            if (!/^\d{1,3}$/.test(pt)) c.fail('pt= lists payload type numbers', ptAt);
            ptAt += pt.length + 1;
            return Number(pt);
          });
        }
        pieceAt += piece.length + 1;
      }
      return out;
    }),
  format: (v) => {
    const base = `${v.id} ${v.direction}`;
    if (v.restrictions.length === 0) return base;
    const list = v.restrictions
      .map((r) => (r.value === undefined ? r.name : `${r.name}=${r.value}`))
      .join(';');
    return `${base} ${list}`;
  },
});

export const simulcast = attribute<Simulcast>({
  name: 'simulcast',
  scope: 'media',
  spec: 'RFC 8853 5.1',
  example: 'a=simulcast:send h;m;~l',
  parse: (value) =>
    readAll(value, (c) => {
      const readDirection = () => {
        const at = c.pos;
        const d = c.token('send or recv');
        if (d !== 'send' && d !== 'recv') c.fail('expected send or recv', at);
        return d as 'send' | 'recv';
      };
      const first = readDirection();
      c.space();
      const out: Simulcast = { first, [first]: readStreams(c) };
      if (!c.done) {
        c.space();
        const at = c.pos;
        const second = readDirection();
        if (second === first) c.fail(`${second} appears twice`, at);
        c.space();
        out[second] = readStreams(c);
      }
      return out;
    }),
  format: (v) => {
    const second = v.first === 'send' ? 'recv' : 'send';
    let s = `${v.first} ${formatStreams(v[v.first] ?? [])}`;
    const other = v[second];
    if (other !== undefined) s += ` ${second} ${formatStreams(other)}`;
    return s;
  },
});

/** Simulcast attributes. */
export const SIMULCAST_RULES: readonly AttributeRule<unknown>[] = [rid, simulcast];
