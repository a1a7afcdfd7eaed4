/**
 * The call page (`/`): join a room by name, see and hear everyone in it, chat. See params.ts
 * for the URL parameters (`?room=&name=&autojoin=1&media=fake|none&ice=relay`).
 */
import '../../shared/base.css';
import './call.css';
import './join.css';
import './peer-tile.css';
import './chat-panel.css';
import { mountLayout } from '../../shared/layout.ts';
import type { SwitchboardCallHandle } from './automation.ts';
import { CallController } from './call-controller.ts';
import { CallView } from './call-view.ts';
import { parseCallParams, signalingUrl } from './params.ts';

mountLayout('call');
const params = parseCallParams(location.search, location.hash);
const view = new CallView(params);
const controller = new CallController({
  url: signalingUrl(location),
  token: params.token,
  iceTransportPolicy: params.iceTransportPolicy,
  ui: view,
});
view.attach(controller);

// The automation hook (automation.ts): what tests drive and read.
const handle: SwitchboardCallHandle = {
  get client() {
    return controller.client;
  },
  get room() {
    return controller.room;
  },
  get localStream() {
    return controller.localStream;
  },
  get log() {
    return controller.log;
  },
  renegotiate: () => controller.renegotiate(),
  join: () => view.join(),
  leave: () => controller.leave(),
};
window.switchboardCall = handle;

// Closing the tab ends the session at once, so the others see this peer leave now rather
// than when the server's resume window runs out.
addEventListener('pagehide', () => void controller.leave());

if (params.autojoin) void view.join(params.media);
else document.getElementById(params.room ? 'name-input' : 'room-input')?.focus();
