/** Signal payloads of an offer/answer/candidate exchange, valid for `switchboard/sdp`. */
import type { SignalPayload } from 'switchboard/protocol';

function description(type: 'offer' | 'answer', setup: string, ufrag: string): string {
  return [
    'v=0',
    `o=- ${type === 'offer' ? '4611731400430051336' : '2318473265124356231'} 2 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'a=msid-semantic: WMS',
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    'c=IN IP4 0.0.0.0',
    `a=ice-ufrag:${ufrag}`,
    'a=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y',
    'a=ice-options:trickle',
    'a=fingerprint:sha-256 DA:39:A3:EE:5E:6B:4B:0D:32:55:BF:EF:95:60:18:90:AF:D8:07:09:DA:39:A3:EE:5E:6B:4B:0D:32:55:BF:EF',
    `a=setup:${setup}`,
    'a=mid:0',
    'a=sctp-port:5000',
    'a=max-message-size:262144',
    '',
  ].join('\r\n');
}

/** A data-channel offer. */
export const OFFER = description('offer', 'actpass', 'EsAw');
/** The answer to {@link OFFER}. */
export const ANSWER = description('answer', 'active', 'Qx9k');
/** {@link OFFER} with a broken `t=` line (line 4, column 3). */
export const BAD_OFFER = OFFER.replace('t=0 0', 't=zero');

export const offer: SignalPayload = {
  kind: 'description',
  description: { type: 'offer', sdp: OFFER },
};
export const answer: SignalPayload = {
  kind: 'description',
  description: { type: 'answer', sdp: ANSWER },
};

/** A host candidate as RTCIceCandidate.candidate spells it. */
export function candidate(port: number): SignalPayload {
  return {
    kind: 'candidate',
    candidate: {
      candidate: `candidate:1467250027 1 udp 2122260223 192.168.0.196 ${port} typ host generation 0`,
      sdpMid: '0',
      sdpMLineIndex: 0,
    },
  };
}

export const endOfCandidates: SignalPayload = { kind: 'end-of-candidates', sdpMid: '0' };
