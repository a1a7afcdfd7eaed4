/**
 * The tutorial's output panels: the signaling-state timelines, the trickled candidates, the
 * ICE credentials of each negotiation, and the offer and answer listings.
 */
import { h } from '../../shared/dom.ts';
import { changedLines } from '../../shared/sdp/line-changes.ts';
import type { LineMark } from '../../shared/sdp/line-marks.ts';
import { renderListing } from '../../shared/sdp/render-listing.ts';
import type { CandidateRow } from './candidate-row.ts';
import type { PeerName } from './exchange.ts';
import { formatElapsed, type TimelineEntry } from './timeline.ts';

/** What each signaling state means at this point of the exchange, for the timeline. */
const STATE_NOTES: Readonly<Record<string, Readonly<Record<PeerName, string>>>> = {
  stable: { pc1: 'no offer pending', pc2: 'no offer pending' },
  'have-local-offer': { pc1: 'setLocalDescription(offer)', pc2: 'setLocalDescription(offer)' },
  'have-remote-offer': { pc1: 'setRemoteDescription(offer)', pc2: 'setRemoteDescription(offer)' },
  closed: { pc1: 'close()', pc2: 'close()' },
};

/** The note under a state: after a round started, `stable` means an answer was applied. */
function stateNote(peer: PeerName, entry: TimelineEntry, index: number): string {
  if (entry.state === 'stable' && index > 0) {
    return peer === 'pc1' ? 'setRemoteDescription(answer)' : 'setLocalDescription(answer)';
  }
  if (entry.state === 'stable') return 'new RTCPeerConnection()';
  return STATE_NOTES[entry.state]?.[peer] ?? '';
}

/** One timeline item. */
export function timelineItem(peer: PeerName, entry: TimelineEntry, index: number): HTMLElement {
  return h(
    'li',
    {
      class: `state state--${entry.state}`,
      'data-state': entry.state,
      'data-round': entry.round,
    },
    h('time', {}, formatElapsed(entry.at)),
    h('span', { class: 'state__name' }, entry.state),
    h('span', { class: 'state__note' }, stateNote(peer, entry, index)),
  );
}

/** One candidate row of a peer's table; `null` is the end of gathering. */
export function candidateItem(row: CandidateRow | null, at: number, round: number): HTMLElement {
  if (row === null) {
    return h(
      'tr',
      { class: 'muted', 'data-round': round },
      h('td', {}, formatElapsed(at)),
      h('td', { colspan: 4 }, 'gathering complete'),
    );
  }
  return h(
    'tr',
    { 'data-testid': 'candidate', 'data-type': row.type, 'data-round': round },
    h('td', {}, formatElapsed(at)),
    h('td', {}, h('span', { class: 'badge' }, row.type)),
    h('td', {}, row.protocol),
    h('td', {}, h('code', {}, `${row.address}:${row.port}`)),
    h('td', {}, h('code', {}, row.ufrag ?? '')),
  );
}

/** One row of the credentials table: the ufrags of a round and whether they changed. */
export function credentialsItem(
  round: number,
  restart: boolean,
  offer: string | undefined,
  answer: string | undefined,
  previous: { offer: string | undefined; answer: string | undefined } | undefined,
): HTMLElement {
  const cell = (value: string | undefined, before: string | undefined) =>
    h(
      'td',
      {},
      h('code', {}, value ?? '-'),
      previous !== undefined && value !== before
        ? h('span', { class: 'badge badge--accent' }, 'new')
        : null,
    );
  return h(
    'tr',
    {
      'data-testid': 'credentials-round',
      'data-round': round,
      'data-offer-ufrag': offer,
      'data-answer-ufrag': answer,
    },
    h('td', {}, `#${round}`),
    h('td', {}, restart ? 'iceRestart' : '—'),
    cell(offer, previous?.offer),
    cell(answer, previous?.answer),
  );
}

/** An offer or answer listing; lines that changed since the previous round are marked. */
export function descriptionListing(
  sdp: string,
  previous: string | undefined,
  label: string,
): HTMLElement {
  const marks = new Map<number, LineMark[]>();
  if (previous !== undefined) {
    for (const line of changedLines(previous, sdp)) marks.set(line, [{ level: 'changed' }]);
  }
  return renderListing(sdp, { label, marks });
}
