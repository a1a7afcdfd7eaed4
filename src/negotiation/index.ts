/**
 * `switchboard/negotiation`: the JSEP offer/answer engine (RFC 9429), usable in Node
 * without a browser. Signaling states as W3C webrtc-pc names them, capabilities as data,
 * `createAnswer` that answers like Chromium (libwebrtc) does, and `explain`.
 *
 * @example
 * ```ts
 * import { chromiumCapabilities, createAnswer, explain } from 'switchboard/negotiation';
 * const { sdp, sections } = createAnswer(offer, chromiumCapabilities());
 * console.log(explain(offer, sdp));
 * ```
 */
export {
  type AnswerOptions,
  type AnswerResult,
  createAnswer,
} from './answer.ts';
export {
  type DataPlan,
  REJECT_REASONS,
  type RejectReason,
  type RtpPlan,
  type SectionPlan,
} from './answer-plan.ts';
export type { PreviousExchange, SectionTransport } from './answer-transport.ts';
export type {
  Capabilities,
  CodecCapability,
  DataChannelCapability,
  HeaderExtensionCapability,
  RtpKind,
  TransceiverCapability,
  TransportCredentials,
} from './capabilities.ts';
export {
  capabilitiesFromDescription,
  DEFAULT_MAX_MESSAGE_SIZE,
  DEFAULT_SCTP_PORT,
} from './capabilities-from-description.ts';
export { type CodecLike, codecIdentities } from './codec-identity.ts';
export * from './codecs/index.ts';
export {
  createIceCredentials,
  createRandomFingerprint,
  createSessionId,
  createTransportCredentials,
} from './credentials.ts';
export { ANSWER_DIRECTION, answerDirection } from './direction.ts';
export * from './errors.ts';
export {
  type Explanation,
  explain,
  formatExplanation,
  type SectionExplanation,
} from './explain.ts';
export type { MidRecord } from './mid-records.ts';
export { createOffer, type OfferOptions } from './offer.ts';
export { chromiumCapabilities } from './presets/chromium.ts';
export { SdpWriter } from './sdp-writer.ts';
export * from './session.ts';
export * from './signaling-state.ts';
