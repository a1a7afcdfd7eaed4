/**
 * `switchboard/sdp`: a lossless SDP parser and serializer with typed views of the
 * attributes WebRTC peers use, editing helpers, and remote-description validation.
 *
 * @example
 * ```ts
 * import { parse, serialize } from 'switchboard/sdp';
 * const desc = parse(offer);            // strict; throws SdpParseError
 * desc.media[0].codecs();               // typed views
 * serialize(desc) === offer;            // byte for byte
 * ```
 */
export { type DiffOptions, diff, type SdpDifference } from './diff.ts';
export * from './edit/index.ts';
export {
  isSdpParseError,
  SDP_ERRORS,
  type SdpErrorCode,
  type SdpErrorInfo,
  SdpParseError,
  type SdpPosition,
  type SdpWarning,
} from './errors.ts';
export * from './grammar/bundle.ts';
export * from './grammar/core.ts';
export * from './grammar/dtls.ts';
export * from './grammar/ice.ts';
export {
  ATTRIBUTE_RULES,
  type AttributeName,
  type AttributeValues,
  attributeRule,
  isKnownAttribute,
} from './grammar/index.ts';
export * from './grammar/lines.ts';
export * from './grammar/rtp.ts';
export type { AttributeRule, AttributeScope, LineRule } from './grammar/rule.ts';
export * from './grammar/sctp.ts';
export * from './grammar/simulcast.ts';
export { DEFAULT_LIMITS, type SdpLimits } from './limits.ts';
export { attributeText, type LineStatus, ReadLine, type SdpLine } from './line.ts';
export {
  type Codec,
  MediaSection,
  SdpSection,
  SessionDescription,
  SessionSection,
} from './model.ts';
export { type ParseOptions, parse } from './parse.ts';
export { SDP_PROBLEMS, type SdpProblemCode } from './problems.ts';
export { serialize } from './serialize.ts';
export { STATIC_PAYLOAD_TYPES } from './static-payload-types.ts';
export { type SdpProblem, type ValidateOptions, validate } from './validate.ts';

/** Attributes without a known grammar anywhere in `desc`, with their line numbers. */
export function unknownAttributes(
  desc: import('./model.ts').SessionDescription,
): { line: number; name: string; value: string | undefined }[] {
  return desc.unknownAttributes();
}
