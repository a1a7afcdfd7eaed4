/**
 * A video tile of the call grid: the participant's video (or initials when there is none),
 * name, microphone state, and, for remote peers, the connection state and the stats of the
 * selected candidate pair. Remote tiles carry `data-testid="peer-tile"`, `data-peer` and
 * `data-state` (`new|connecting|connected|failed`) for automation.
 */
import type { PeerSessionState } from 'switchboard/client';
import { h, replaceChildren } from '../../shared/dom.ts';
import { icon } from '../../shared/icons.ts';
import type { PeerInfo } from './call-ui.ts';
import { formatBitrate, formatRtt, type PeerStats } from './peer-stats.ts';

const STATE_LABELS: Record<PeerSessionState, string> = {
  new: 'Waiting',
  connecting: 'Connecting…',
  connected: 'Connected',
  failed: 'Connection failed',
  closed: 'Closed',
};

/** Up to two initials of a display name, for the placeholder when there is no video. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [name.trim()];
  return letters
    .map((word) => [...(word ?? '')].slice(0, words.length > 1 ? 1 : 2).join(''))
    .join('')
    .toUpperCase();
}

/** The tile of one participant; `self` makes the local preview (mirrored, no stats). */
export class PeerTile {
  readonly element: HTMLElement;
  readonly #video: HTMLVideoElement;
  readonly #audio: HTMLAudioElement | undefined;
  readonly #avatar: HTMLElement;
  readonly #name: HTMLElement;
  readonly #micOff: HTMLElement;
  readonly #state: HTMLElement | undefined;
  readonly #candidate: HTMLElement | undefined;
  readonly #rtt: HTMLElement | undefined;
  readonly #bitrate: HTMLElement | undefined;
  #hasVideoTrack = false;
  #videoOn = true;

  /**
   * @param onAutoplayBlocked called when the browser refuses to play a remote peer's audio
   *   before the user interacted with the page.
   */
  constructor(
    info: PeerInfo,
    readonly self: boolean,
    readonly onAutoplayBlocked: () => void = () => {},
  ) {
    this.#video = h('video', {
      class: 'tile-video',
      playsinline: true,
      muted: true,
      autoplay: true,
    });
    this.#video.muted = true;
    this.#avatar = h('div', { class: 'tile-avatar', 'aria-hidden': 'true' });
    this.#name = h('span', { class: 'tile-name-text' });
    this.#micOff = h(
      'span',
      { class: 'tile-mic-off', title: 'Microphone off' },
      icon('mic-off', 16),
    );
    const caption = h('figcaption', { class: 'tile-name' }, this.#micOff, this.#name);
    if (self) {
      this.element = h(
        'figure',
        { class: 'tile tile-self', 'data-testid': 'local-tile' },
        this.#video,
        this.#avatar,
        h('div', { class: 'tile-bottom' }, caption),
      );
    } else {
      this.#audio = h('audio', { class: 'tile-audio' });
      this.#state = h('span', { class: 'tile-state', 'data-testid': 'peer-state' });
      this.#candidate = h('span', {
        class: 'stat',
        'data-testid': 'peer-candidate',
        title: 'Type of the selected ICE candidate pair',
      });
      this.#rtt = h('span', { class: 'stat', 'data-testid': 'peer-rtt', title: 'Round-trip time' });
      this.#bitrate = h('span', { class: 'stat', 'data-testid': 'peer-bitrate' });
      this.element = h(
        'figure',
        { class: 'tile', 'data-testid': 'peer-tile', 'data-peer': info.peer, 'data-state': 'new' },
        this.#video,
        this.#audio,
        this.#avatar,
        h('div', { class: 'tile-top' }, this.#state),
        h(
          'div',
          { class: 'tile-bottom' },
          caption,
          h('span', { class: 'tile-stats' }, this.#candidate, this.#rtt, this.#bitrate),
        ),
      );
      this.setState('new');
      this.setStats(undefined);
    }
    this.setInfo(info);
  }

  /** Shows the name and microphone/camera state. */
  setInfo(info: Pick<PeerInfo, 'name' | 'audio' | 'video'>): void {
    this.#name.textContent = this.self ? `${info.name} (you)` : info.name;
    replaceChildren(this.#avatar, h('span', {}, initials(info.name)));
    this.#micOff.hidden = info.audio;
    this.#videoOn = info.video;
    this.#updateVideo();
  }

  /** Shows the connection state. */
  setState(state: PeerSessionState): void {
    if (!this.#state) return;
    this.element.dataset.state = state;
    this.#state.textContent = STATE_LABELS[state];
    this.#state.dataset.state = state;
  }

  /** Plays `stream` (video in the tile, audio through a separate element). */
  setStream(stream: MediaStream | undefined): void {
    if (this.#video.srcObject !== (stream ?? null)) this.#video.srcObject = stream ?? null;
    this.#hasVideoTrack = (stream?.getVideoTracks().length ?? 0) > 0;
    this.#updateVideo();
    if (stream && this.#hasVideoTrack) this.#video.play().catch(() => {});
    const audio = this.#audio;
    if (!audio || !stream || stream.getAudioTracks().length === 0) return;
    if (audio.srcObject !== stream) audio.srcObject = stream;
    this.playAudio();
  }

  /** Starts the remote audio; reports a refusal (autoplay policy) to `onAutoplayBlocked`. */
  playAudio(): void {
    const audio = this.#audio;
    if (!audio?.srcObject || !audio.paused) return;
    audio.play().catch(() => this.onAutoplayBlocked());
  }

  /** Shows a stats sample; undefined shows dashes. */
  setStats(stats: PeerStats | undefined): void {
    if (!this.#candidate || !this.#rtt || !this.#bitrate) return;
    const type = stats?.pairType;
    this.#candidate.textContent = type ?? '–';
    this.#candidate.dataset.type = type ?? '';
    this.#candidate.title =
      stats?.localCandidateType === undefined
        ? 'Type of the selected ICE candidate pair'
        : `Selected pair: ${stats.localCandidateType} (here) ↔ ${stats.remoteCandidateType ?? '?'} (${stats.protocol ?? '?'})`;
    this.#rtt.textContent = formatRtt(stats?.rttMs);
    this.#rtt.dataset.ms = stats?.rttMs === undefined ? '' : String(stats.rttMs);
    this.#bitrate.textContent = `↓ ${formatBitrate(stats?.inboundBps)}`;
    this.#bitrate.dataset.bps = stats?.inboundBps === undefined ? '' : String(stats.inboundBps);
    this.#bitrate.title = `Received ${formatBitrate(stats?.inboundBps)}, sent ${formatBitrate(stats?.outboundBps)}`;
  }

  /** Stops playback and removes the tile. */
  destroy(): void {
    this.#video.srcObject = null;
    if (this.#audio) this.#audio.srcObject = null;
    this.element.remove();
  }

  #updateVideo(): void {
    this.element.dataset.video = this.#hasVideoTrack && this.#videoOn ? 'on' : 'off';
  }
}
