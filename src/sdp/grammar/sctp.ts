/**
 * Data channel transport: sctp-port and max-message-size (RFC 8841), and the older
 * sctpmap (draft-ietf-mmusic-sctp-sdp-05) that pre-2017 offers carry.
 */
import { readAll } from './cursor.ts';
import { type AttributeRule, attribute } from './rule.ts';

/** `a=sctp-port:<port>` (RFC 8841 5). */
export interface SctpPort {
  port: number;
}

/** `a=max-message-size:<bytes>` (RFC 8841 6); 0 means no limit. */
export interface MaxMessageSize {
  size: number;
}

/** `a=sctpmap:<number> <app> [<streams>]` (draft-ietf-mmusic-sctp-sdp-05). */
export interface Sctpmap {
  port: number;
  protocol: string;
  streams?: number;
}

export const sctpPort = attribute<SctpPort>({
  name: 'sctp-port',
  scope: 'media',
  spec: 'RFC 8841 5',
  example: 'a=sctp-port:5000',
  parse: (value) => readAll(value, (c) => ({ port: c.int('port', 65535, 5) })),
  format: (v) => String(v.port),
});

export const maxMessageSize = attribute<MaxMessageSize>({
  name: 'max-message-size',
  scope: 'media',
  spec: 'RFC 8841 6',
  example: 'a=max-message-size:262144',
  parse: (value) => readAll(value, (c) => ({ size: c.int('size') })),
  format: (v) => String(v.size),
});

export const sctpmap = attribute<Sctpmap>({
  name: 'sctpmap',
  scope: 'media',
  spec: 'draft-ietf-mmusic-sctp-sdp-05 4.1',
  example: 'a=sctpmap:5000 webrtc-datachannel 1024',
  parse: (value) =>
    readAll(value, (c) => {
      const port = c.intToken('sctpmap number', 65535, 5);
      c.space();
      const protocol = c.token('protocol');
      if (c.done) return { port, protocol };
      c.space();
      return { port, protocol, streams: c.int('streams', 65535, 5) };
    }),
  format: (v) => `${v.port} ${v.protocol}${v.streams === undefined ? '' : ` ${v.streams}`}`,
});

/** Data channel attributes. */
export const SCTP_RULES: readonly AttributeRule<unknown>[] = [sctpPort, maxMessageSize, sctpmap];
