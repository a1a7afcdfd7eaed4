/**
 * A trickled ICE candidate as a table row, read with `switchboard/sdp`'s candidate grammar
 * (RFC 8839 5.1) from the `candidate:` string the browser hands out.
 */
import { parseCandidate } from 'switchboard/sdp';

/** What the tutorial shows of one candidate. */
export interface CandidateRow {
  readonly mid: string | undefined;
  readonly type: string;
  readonly protocol: string;
  readonly address: string;
  readonly port: number;
  readonly ufrag: string | undefined;
  readonly priority: number;
}

/** Reads `init` (an RTCIceCandidate or its JSON); undefined when the string does not parse. */
export function candidateRow(init: {
  candidate: string;
  sdpMid?: string | null;
  usernameFragment?: string | null;
}): CandidateRow | undefined {
  const value = init.candidate.replace(/^(?:a=)?candidate:/, '');
  try {
    const c = parseCandidate(value);
    return {
      mid: init.sdpMid ?? undefined,
      type: c.type,
      protocol: c.tcpType === undefined ? c.transport : `${c.transport} ${c.tcpType}`,
      address: c.address,
      port: c.port,
      ufrag: init.usernameFragment ?? c.ufrag,
      priority: c.priority,
    };
  } catch {
    return undefined;
  }
}
