// @roamhq/wrtc is CommonJS; in ESM its exports object arrives as the default import.
import wrtc from '@roamhq/wrtc';

/** libwebrtc's RTCPeerConnection for Node: same SDP dialect as Chromium. */
export const WrtcPeerConnection: typeof RTCPeerConnection = wrtc.RTCPeerConnection;

/** A sendable audio and video track pair in one stream, with a way to stop both. */
export interface WrtcMedia {
  stream: MediaStream;
  stop(): void;
}

/**
 * Creates an audio and a video track from wrtc's nonstandard sources. No frames are pushed:
 * negotiation only needs the tracks to exist.
 */
export function createWrtcMedia(): WrtcMedia {
  const audio = new wrtc.nonstandard.RTCAudioSource().createTrack();
  const video = new wrtc.nonstandard.RTCVideoSource().createTrack();
  const stream = new wrtc.MediaStream([audio, video]);
  return {
    stream,
    stop() {
      audio.stop();
      video.stop();
    },
  };
}
