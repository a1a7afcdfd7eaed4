/**
 * The call page's DOM: the join form, the error banner, the tile grid with the local preview
 * and one {@link PeerTile} per remote peer, the controls and the chat panel. It implements
 * {@link CallUi} for the controller and turns the user's actions into controller calls.
 */
import type { PeerSessionState } from 'switchboard/client';
import { byId, h, replaceChildren } from '../../shared/dom.ts';
import { icon } from '../../shared/icons.ts';
import type { CallController } from './call-controller.ts';
import type { CallErrorText } from './call-errors.ts';
import type { CallPhase, CallUi, ChatEntry, PeerInfo } from './call-ui.ts';
import { ChatPanel } from './chat-panel.ts';
import { gridLayout } from './grid-layout.ts';
import {
  type CallParams,
  callLink,
  type MediaMode,
  normalizeDisplayName,
  normalizeRoomName,
  randomRoomName,
  searchWithRoom,
} from './params.ts';
import type { PeerStats } from './peer-stats.ts';
import { PeerTile } from './peer-tile.ts';

const NAME_KEY = 'switchboard.name';

const STATUS_TEXT: Record<CallPhase, string> = {
  idle: '',
  joining: 'Joining…',
  joined: 'Live',
  reconnecting: 'Reconnecting…',
};

function storedName(): string | undefined {
  try {
    return localStorage.getItem(NAME_KEY) ?? undefined;
  } catch {
    return undefined; // Storage may be off (private mode, sandboxed frames).
  }
}

function storeName(name: string): void {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // Remembering the name is a convenience only.
  }
}

/** The page; call {@link CallView.attach} with the controller before the user can act. */
export class CallView implements CallUi {
  readonly #params: CallParams;
  readonly #banner = byId('error-banner', HTMLDivElement);
  readonly #joinScreen = byId('join-screen', HTMLElement);
  readonly #callScreen = byId('call-screen', HTMLElement);
  readonly #joinForm = byId('join-form', HTMLFormElement);
  readonly #roomInput = byId('room-input', HTMLInputElement);
  readonly #nameInput = byId('name-input', HTMLInputElement);
  readonly #joinButton = byId('join-button', HTMLButtonElement);
  readonly #roomTitle = byId('room-title', HTMLHeadingElement);
  readonly #status = byId('call-status', HTMLSpanElement);
  readonly #tilesArea = byId('tiles-area', HTMLDivElement);
  readonly #tiles = byId('tiles', HTMLDivElement);
  readonly #mute = byId('mute-button', HTMLButtonElement);
  readonly #camera = byId('camera-button', HTMLButtonElement);
  readonly #leave = byId('leave-button', HTMLButtonElement);
  readonly #copy = byId('copy-link', HTMLButtonElement);
  readonly #sound = byId('enable-sound', HTMLButtonElement);
  readonly #chat: ChatPanel;
  readonly #peers = new Map<string, PeerTile>();
  #self: PeerTile | undefined;
  #empty: HTMLElement;
  #controller: CallController | undefined;
  #room: string | undefined;
  #media: MediaMode;

  constructor(params: CallParams) {
    this.#params = params;
    this.#media = params.media;
    this.#roomInput.value = params.room ?? '';
    this.#nameInput.value = params.name ?? storedName() ?? '';
    if (params.media === 'none') this.#mediaChoice('none');
    this.#chat = new ChatPanel((text) => this.#controller?.sendChat(text) ?? false);
    byId('chat-slot', HTMLDivElement).append(this.#chat.element);
    this.#empty = h(
      'div',
      { class: 'tile tile-empty' },
      icon('users', 28),
      h(
        'p',
        {},
        h('strong', {}, 'Waiting for others'),
        h('span', {}, 'Share the invite link to bring people in.'),
      ),
    );
    this.#leave.prepend(icon('leave', 20));
    new ResizeObserver(() => this.#sizeTiles()).observe(this.#tilesArea);
  }

  /** Wires the controls to `controller`. */
  attach(controller: CallController): void {
    this.#controller = controller;
    this.#joinForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.join();
    });
    this.#mute.addEventListener('click', () => {
      controller.setMicEnabled(!controller.micEnabled);
      this.#updateControls();
    });
    this.#camera.addEventListener('click', () => {
      controller.setCameraEnabled(!controller.cameraEnabled);
      this.#updateControls();
    });
    this.#leave.addEventListener('click', () => void controller.leave());
    this.#copy.addEventListener('click', () => void this.#copyLink());
    this.#sound.addEventListener('click', () => {
      this.#sound.hidden = true;
      for (const tile of this.#peers.values()) tile.playAudio();
    });
    this.#updateControls();
  }

  /** Joins with the form's values (or the URL's, for `autojoin`). */
  async join(media: MediaMode = this.#selectedMedia()): Promise<void> {
    const controller = this.#controller;
    if (!controller) return;
    const room = normalizeRoomName(this.#roomInput.value) ?? randomRoomName();
    const name = normalizeDisplayName(this.#nameInput.value) ?? 'Guest';
    this.#roomInput.value = room;
    this.#nameInput.value = name;
    storeName(name);
    this.#media = media;
    await controller.join(room, name, media);
  }

  // ---- CallUi -------------------------------------------------------------------------------

  phase(phase: CallPhase, room: string | undefined): void {
    const inCall = phase !== 'idle' && phase !== 'joining';
    this.#joinButton.disabled = phase === 'joining';
    this.#joinButton.textContent = phase === 'joining' ? 'Joining…' : 'Join room';
    this.#status.textContent = STATUS_TEXT[phase];
    this.#status.dataset.phase = phase;
    if (room !== undefined && room !== this.#room) {
      this.#room = room;
      this.#roomTitle.textContent = room;
      document.title = `${room} · Switchboard`;
      history.replaceState(null, '', `${searchWithRoom(location.search, room)}${location.hash}`);
    }
    if (phase === 'idle') {
      document.title = 'Call · Switchboard';
      this.#sound.hidden = true;
      this.#self?.destroy();
      this.#self = undefined;
      for (const peer of [...this.#peers.keys()]) this.peerLeft(peer);
    }
    const entering = inCall && this.#callScreen.hidden;
    this.#joinScreen.hidden = inCall;
    this.#callScreen.hidden = !inCall;
    if (phase === 'joining') this.#chat.clear();
    if (entering) {
      this.#updateControls();
      this.#layout();
    }
  }

  localMedia(stream: MediaStream | undefined, name: string): void {
    this.#self?.destroy();
    const info = { peer: 'self', name, audio: true, video: stream !== undefined };
    this.#self = new PeerTile(info, true);
    this.#self.setStream(stream);
    this.#tiles.prepend(this.#self.element);
    this.#updateControls();
    this.#layout();
  }

  peerJoined(info: PeerInfo): void {
    this.#peers.get(info.peer)?.destroy();
    const tile = new PeerTile(info, false, () => {
      this.#sound.hidden = false;
    });
    this.#peers.set(info.peer, tile);
    this.#tiles.append(tile.element);
    this.#layout();
  }

  peerUpdated(info: PeerInfo): void {
    this.#peers.get(info.peer)?.setInfo(info);
  }

  peerLeft(peer: string): void {
    this.#peers.get(peer)?.destroy();
    this.#peers.delete(peer);
    this.#layout();
  }

  peerState(peer: string, state: PeerSessionState): void {
    this.#peers.get(peer)?.setState(state);
  }

  peerStream(peer: string, stream: MediaStream): void {
    this.#peers.get(peer)?.setStream(stream);
  }

  peerStats(peer: string, stats: PeerStats): void {
    this.#peers.get(peer)?.setStats(stats);
  }

  chat(entry: ChatEntry): void {
    this.#chat.add(entry);
  }

  error(text: CallErrorText | undefined): void {
    if (text === undefined) {
      this.#banner.hidden = true;
      this.#banner.removeAttribute('data-error');
      return;
    }
    this.#banner.dataset.error = text.kind;
    const actions = text.withoutMedia
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn btn-outline banner-action',
            'data-testid': 'join-without-media',
          },
          'Join without camera',
        )
      : null;
    actions?.addEventListener('click', () => {
      this.#mediaChoice('none');
      void this.join('none');
    });
    replaceChildren(
      this.#banner,
      icon('alert', 20),
      h('div', { class: 'banner-text' }, h('strong', {}, text.title), h('span', {}, text.detail)),
      actions,
    );
    this.#banner.hidden = false;
  }

  // ---- helpers ------------------------------------------------------------------------------

  #selectedMedia(): MediaMode {
    const checked = this.#joinForm.querySelector<HTMLInputElement>('input[name="media"]:checked');
    if (checked?.value === 'none') return 'none';
    // `fake` from the URL stays fake: automated runs keep their small capture.
    return this.#params.media === 'fake' ? 'fake' : 'camera';
  }

  #mediaChoice(mode: 'camera' | 'none'): void {
    const input = this.#joinForm.querySelector<HTMLInputElement>(
      `input[name="media"][value="${mode}"]`,
    );
    if (input) input.checked = true;
  }

  #updateControls(): void {
    const controller = this.#controller;
    const hasAudio = (controller?.localStream?.getAudioTracks().length ?? 0) > 0;
    const hasVideo = (controller?.localStream?.getVideoTracks().length ?? 0) > 0;
    const micOn = controller?.micEnabled ?? false;
    const cameraOn = controller?.cameraEnabled ?? false;
    this.#mute.disabled = !hasAudio;
    this.#camera.disabled = !hasVideo;
    const micOff = hasAudio && !micOn;
    const cameraOff = hasVideo && !cameraOn;
    this.#mute.dataset.off = String(micOff);
    this.#camera.dataset.off = String(cameraOff);
    this.#mute.setAttribute('aria-label', micOff ? 'Unmute microphone' : 'Mute microphone');
    this.#camera.setAttribute('aria-label', cameraOff ? 'Start video' : 'Stop video');
    replaceChildren(
      this.#mute,
      icon(micOff ? 'mic-off' : 'mic', 20),
      h('span', {}, micOff ? 'Unmute' : 'Mute'),
    );
    replaceChildren(
      this.#camera,
      icon(cameraOff ? 'video-off' : 'video', 20),
      h('span', {}, cameraOff ? 'Start video' : 'Stop video'),
    );
    this.#mute.title = hasAudio ? '' : 'No microphone in this call';
    this.#camera.title = hasVideo ? '' : 'No camera in this call';
    this.#self?.setInfo({
      name: normalizeDisplayName(this.#nameInput.value) ?? 'Guest',
      audio: micOn,
      video: cameraOn,
    });
  }

  /** Sizes the grid for the number of tiles, and shows the waiting card when alone. */
  #layout(): void {
    const alone = this.#peers.size === 0;
    if (alone && !this.#empty.isConnected) this.#tiles.append(this.#empty);
    if (!alone) this.#empty.remove();
    this.#tiles.dataset.count = String(this.#tiles.children.length);
    this.#sizeTiles();
  }

  /** Gives every tile the largest 16:9 size at which all of them fit the stage. */
  #sizeTiles(): void {
    const area = getComputedStyle(this.#tilesArea);
    const px = (value: string) => Number.parseFloat(value) || 0;
    const width = this.#tilesArea.clientWidth - px(area.paddingLeft) - px(area.paddingRight);
    const height = this.#tilesArea.clientHeight - px(area.paddingTop) - px(area.paddingBottom);
    if (!(width > 0 && height > 0)) return;
    const gap = px(getComputedStyle(this.#tiles).columnGap);
    const layout = gridLayout(this.#tiles.children.length, width, height, gap);
    const style = this.#tiles.style;
    style.setProperty('--tile-width', `${layout.tileWidth}px`);
    style.setProperty('--tile-height', `${layout.tileHeight}px`);
    // The row holds exactly `columns` tiles; a last, shorter row stays centred.
    style.maxWidth = `${layout.columns * layout.tileWidth + (layout.columns - 1) * gap}px`;
  }

  async #copyLink(): Promise<void> {
    if (this.#room === undefined) return;
    const link = callLink(location.origin, this.#room);
    const label = this.#copy.textContent;
    try {
      await navigator.clipboard.writeText(link);
      this.#copy.textContent = 'Link copied';
    } catch {
      // No clipboard access (permissions, insecure page): show the link to copy by hand.
      this.#copy.textContent = link;
    }
    setTimeout(() => {
      this.#copy.textContent = label;
    }, 2500);
  }
}
