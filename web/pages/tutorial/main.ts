/**
 * The offer/answer tutorial page: the seed's same-page exchange between pc1 and pc2, with
 * every step on screen. Start asks for the camera, Call negotiates (again: renegotiates,
 * with the offer options ticked), Hang up closes both peers.
 */
import '../../shared/base.css';
import '../../shared/sdp/sdp.css';
import '../../shared/sdp/page.css';
import './tutorial.css';
import { explain } from 'switchboard/negotiation';
import { parse } from 'switchboard/sdp';
import { byId, replaceChildren } from '../../shared/dom.ts';
import { mountLayout } from '../../shared/layout.ts';
import { renderExplanation } from '../../shared/sdp/render-explanation.ts';
import { iceUfrags } from '../../shared/sdp/summary.ts';
import { candidateRow } from './candidate-row.ts';
import {
  type ExchangeObserver,
  type Negotiation,
  type PeerName,
  SamePageExchange,
} from './exchange.ts';
import { Timeline } from './timeline.ts';
import { candidateItem, credentialsItem, descriptionListing, timelineItem } from './view.ts';

const MEDIA: MediaStreamConstraints = {
  audio: true,
  video: { width: { ideal: 640 }, height: { ideal: 360 } },
};

mountLayout('tutorial');

const ui = {
  start: byId('start', HTMLButtonElement),
  call: byId('call', HTMLButtonElement),
  hangup: byId('hangup', HTMLButtonElement),
  iceRestart: byId('ice-restart', HTMLInputElement),
  receiveAudio: byId('offer-to-receive-audio', HTMLInputElement),
  receiveVideo: byId('offer-to-receive-video', HTMLInputElement),
  status: byId('status', HTMLElement),
  error: byId('error', HTMLElement),
  localVideo: byId('local-video', HTMLVideoElement),
  remoteVideo: byId('remote-video', HTMLVideoElement),
  remoteFrames: byId('remote-frames', HTMLElement),
  connection: {
    pc1: byId('pc1-connection', HTMLElement),
    pc2: byId('pc2-connection', HTMLElement),
  },
  states: { pc1: byId('pc1-states', HTMLElement), pc2: byId('pc2-states', HTMLElement) },
  candidates: {
    pc1: byId('candidates-pc1', HTMLElement),
    pc2: byId('candidates-pc2', HTMLElement),
  },
  offer: byId('offer-sdp', HTMLElement),
  answer: byId('answer-sdp', HTMLElement),
  offerMeta: byId('offer-meta', HTMLElement),
  answerMeta: byId('answer-meta', HTMLElement),
  credentials: byId('credentials', HTMLElement),
  explanation: byId('explanation', HTMLElement),
};

const timeline = new Timeline();
let previous: Negotiation | undefined;
let round = 0;
let remoteFrames = 0;

function setStatus(text: string): void {
  ui.status.textContent = text;
}

function showError(error: unknown): void {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  ui.error.textContent = message;
  ui.error.hidden = false;
}

function firstUfrag(sdp: string): string | undefined {
  return iceUfrags(parse(sdp, { mode: 'lenient' }))[0];
}

function showNegotiation(n: Negotiation): void {
  const before = previous;
  replaceChildren(
    ui.offer,
    descriptionListing(n.offer, before?.offer, `Offer #${n.round} from pc1`),
  );
  replaceChildren(
    ui.answer,
    descriptionListing(n.answer, before?.answer, `Answer #${n.round} from pc2`),
  );
  const offerUfrag = firstUfrag(n.offer);
  const answerUfrag = firstUfrag(n.answer);
  ui.offerMeta.textContent = `#${n.round} · ice-ufrag ${offerUfrag ?? '-'}`;
  ui.answerMeta.textContent = `#${n.round} · ice-ufrag ${answerUfrag ?? '-'}`;
  const last =
    before === undefined
      ? undefined
      : { offer: firstUfrag(before.offer), answer: firstUfrag(before.answer) };
  ui.credentials.append(
    credentialsItem(n.round, n.options.iceRestart === true, offerUfrag, answerUfrag, last),
  );
  replaceChildren(ui.explanation, renderExplanation(explain(n.offer, n.answer)));
  previous = n;
}

const observer: ExchangeObserver = {
  signalingState(peer, state, at) {
    const entry = timeline.add(peer, state, at);
    if (entry) ui.states[peer].append(timelineItem(peer, entry, timeline.of(peer).length - 1));
  },
  candidate(peer, candidate, at) {
    const row = candidate === null ? null : candidateRow(candidate);
    if (row === undefined) return;
    ui.candidates[peer].append(candidateItem(row, at, round));
  },
  connectionState(peer, state) {
    ui.connection[peer].textContent = state;
    ui.connection[peer].dataset.state = state;
  },
  negotiated(negotiation) {
    showNegotiation(negotiation);
  },
  remoteStream(stream) {
    if (ui.remoteVideo.srcObject !== stream) ui.remoteVideo.srcObject = stream;
  },
  failed: showError,
};

const exchange = new SamePageExchange(observer);

function offerOptions(): RTCOfferOptions {
  return {
    iceRestart: ui.iceRestart.checked,
    offerToReceiveAudio: ui.receiveAudio.checked,
    offerToReceiveVideo: ui.receiveVideo.checked,
  };
}

function resetCall(): void {
  timeline.clear();
  previous = undefined;
  round = 0;
  for (const peer of ['pc1', 'pc2'] as const satisfies readonly PeerName[]) {
    replaceChildren(ui.states[peer]);
    replaceChildren(ui.candidates[peer]);
    ui.connection[peer].textContent = 'new';
    ui.connection[peer].dataset.state = 'new';
  }
  replaceChildren(ui.credentials);
  remoteFrames = 0;
  ui.remoteFrames.textContent = '0';
}

/** Counts the frames the remote video presents, as proof that media flows. */
function countRemoteFrames(): void {
  const video = ui.remoteVideo;
  const onFrame = () => {
    remoteFrames += 1;
    ui.remoteFrames.textContent = String(remoteFrames);
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
}

ui.start.addEventListener('click', async () => {
  ui.start.disabled = true;
  setStatus('Asking for the camera and microphone…');
  try {
    ui.localVideo.srcObject = await exchange.start(MEDIA);
    ui.call.disabled = false;
    setStatus('Local media ready. Call to negotiate.');
  } catch (error) {
    ui.start.disabled = false;
    showError(error);
    setStatus('No local media.');
  }
});

ui.call.addEventListener('click', async () => {
  ui.call.disabled = true;
  ui.error.hidden = true;
  if (!exchange.inCall) resetCall();
  round = timeline.nextRound();
  setStatus(round === 1 ? 'Negotiating…' : `Renegotiating (#${round})…`);
  try {
    await exchange.call(offerOptions());
    setStatus(`Negotiation #${round} done: both peers are stable.`);
    ui.call.textContent = 'Call again';
    ui.hangup.disabled = false;
  } catch (error) {
    showError(error);
    setStatus('Negotiation failed.');
  } finally {
    ui.call.disabled = false;
  }
});

ui.hangup.addEventListener('click', () => {
  exchange.hangUp();
  ui.remoteVideo.srcObject = null;
  ui.hangup.disabled = true;
  ui.call.textContent = 'Call';
  setStatus('Hung up. Call to start over.');
});

countRemoteFrames();
