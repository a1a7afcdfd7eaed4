/**
 * The problem catalogue of `validate`: what a browser checks when a description is applied
 * as the remote one (RFC 9429 5.8 and 5.10, and what libwebrtc's setRemoteDescription
 * adds), each with a stable code.
 *
 * A problem is not a parse error: the text parsed, but a peer would reject it or act on it
 * wrongly. Codes are never reused for another meaning; a retired code stays in the table
 * with `retired: true`.
 */

/** One entry of the catalogue: the code's meaning, as printed in docs/errors.md. */
export interface SdpProblemInfo {
  /** Short description; the first sentence of the docs entry. */
  readonly summary: string;
  /** Where the rule comes from: RFC sections, or the libwebrtc check that enforces it. */
  readonly spec: string;
  /** Set on a code that `validate` no longer reports; the code is never given a new meaning. */
  readonly retired?: true;
}

/** Every code `validate` can report. */
export const SDP_PROBLEMS = Object.freeze({
  SDP_PROBLEM_MISSING_MID: {
    summary: 'An m-section has no a=mid line.',
    spec: 'RFC 9429 5.2.1, 5.3.1; libwebrtc ValidateMids',
  },
  SDP_PROBLEM_DUPLICATE_MID: {
    summary: 'A mid value names more than one m-section, or one m-section has several a=mid lines.',
    spec: 'RFC 5888 4; libwebrtc ValidateMids',
  },
  SDP_PROBLEM_MID_TOO_LONG: {
    summary: 'A mid is longer than the 32 characters libwebrtc accepts.',
    spec: 'libwebrtc ValidateMids (kMidMaxSize)',
  },
  SDP_PROBLEM_BUNDLE_UNKNOWN_MID: {
    summary: 'An a=group:BUNDLE names a mid that no m-section carries.',
    spec: 'RFC 5888 5; RFC 9143 7; libwebrtc ValidateBundledPayloadTypes',
  },
  SDP_PROBLEM_BUNDLE_REPEATED_MID: {
    summary: 'A mid appears twice in one BUNDLE group, or in more than one BUNDLE group.',
    spec: 'RFC 9143 7',
  },
  SDP_PROBLEM_BUNDLE_WITHOUT_RTCP_MUX: {
    summary: 'A bundled RTP m-section has no a=rtcp-mux.',
    spec: 'RFC 9143 9.3; RFC 9429 5.8; libwebrtc ValidateBundleSettings',
  },
  SDP_PROBLEM_BUNDLE_EXTMAP_CONFLICT: {
    summary: 'Within one BUNDLE group, one extmap id maps to different extensions.',
    spec: 'RFC 9143 9.4; libwebrtc ValidateBundledRtpHeaderExtensions',
  },
  SDP_PROBLEM_BUNDLE_PAYLOAD_TYPE_CONFLICT: {
    summary: 'Within one BUNDLE group, one payload type describes different codecs.',
    spec: 'RFC 9143 9.1.1; libwebrtc ValidateBundledPayloadTypes',
  },
  SDP_PROBLEM_MISSING_ICE_CREDENTIALS: {
    summary: 'An m-section that carries its own transport has no a=ice-ufrag or no a=ice-pwd.',
    spec: 'RFC 8839 5.4; RFC 9429 5.8; libwebrtc VerifyIceUfragPwdPresent',
  },
  SDP_PROBLEM_ICE_UFRAG_INVALID: {
    summary: 'An a=ice-ufrag is not 4 to 256 ice-chars (ALPHA / DIGIT / "+" / "/").',
    spec: 'RFC 8839 5.4',
  },
  SDP_PROBLEM_ICE_PWD_INVALID: {
    summary: 'An a=ice-pwd is not 22 to 256 ice-chars (ALPHA / DIGIT / "+" / "/").',
    spec: 'RFC 8839 5.4',
  },
  SDP_PROBLEM_MISSING_FINGERPRINT: {
    summary: 'A DTLS m-section that carries its own transport has no a=fingerprint.',
    spec: 'RFC 8122 5; RFC 8842 5; libwebrtc VerifyCrypto',
  },
  SDP_PROBLEM_SETUP_ROLE: {
    summary:
      'An a=setup role the type does not allow: not active/passive in an answer, holdconn in an offer.',
    spec: 'RFC 8842 5.3; RFC 9429 5.3.1; libwebrtc JsepTransport::NegotiateDtlsRole',
  },
  SDP_PROBLEM_MISSING_SCTP_PORT: {
    summary: 'A data channel m-section has neither a=sctp-port nor a=sctpmap.',
    spec: 'RFC 8841 5.2; draft-ietf-mmusic-sctp-sdp-05 4.1',
  },
  SDP_PROBLEM_PAYLOAD_TYPE_RANGE: {
    summary: 'An RTP m= line format is not a payload type number from 0 to 127.',
    spec: 'RFC 3550 5.1; RFC 8866 5.14',
  },
  SDP_PROBLEM_PAYLOAD_TYPE_RTCP_CONFLICT: {
    summary: 'With a=rtcp-mux, a payload type in 64-95 collides with RTCP packet types.',
    spec: 'RFC 5761 4; libwebrtc ValidatePayloadTypes',
  },
  SDP_PROBLEM_UNLISTED_PAYLOAD_TYPE: {
    summary: 'An rtpmap, fmtp, rtcp-fb or rid pt= names a payload type missing from the m= line.',
    spec: 'RFC 8866 6.6, 6.15; RFC 4585 4.2; RFC 8851 4',
  },
  SDP_PROBLEM_ASSOCIATED_PAYLOAD_TYPE: {
    summary:
      'An rtx codec without apt=, or an apt= or RED redundancy list naming an unlisted payload type.',
    spec: 'RFC 4588 (apt); RFC 2198 5; libwebrtc WebRtcVideoChannel MapCodecs',
  },
  SDP_PROBLEM_SSRC_GROUP_SIZE: {
    summary: 'An ssrc-group FID or FEC-FR does not hold exactly two SSRCs.',
    spec: 'RFC 5576 4.2; RFC 4588 (FID); RFC 5956 (FEC-FR); libwebrtc ValidateSsrcGroups',
  },
  SDP_PROBLEM_SSRC_GROUP_UNKNOWN_SSRC: {
    summary: 'An ssrc-group names an SSRC that has no a=ssrc line in its m-section.',
    spec: 'RFC 5576 4.2',
  },
  SDP_PROBLEM_EXTMAP_ID_RANGE: {
    summary:
      'An extmap id outside 1-14, or outside 1-255 when a=extmap-allow-mixed allows two-byte headers.',
    spec: 'RFC 8285 4.2, 4.3, 6',
  },
  SDP_PROBLEM_DUPLICATE_EXTMAP_ID: {
    summary: 'One extmap id is declared twice for the same m-section.',
    spec: 'RFC 8285 5, 6',
  },
  SDP_PROBLEM_SIMULCAST_UNKNOWN_RID: {
    summary: 'An a=simulcast rid has no a=rid line with the same id and direction.',
    spec: 'RFC 8853 5.1; RFC 8851 4',
  },
  SDP_PROBLEM_SIMULCAST_WITHOUT_RID_EXTENSION: {
    summary: 'An m-section with a=simulcast does not negotiate the rtp-stream-id header extension.',
    spec: 'RFC 8852; RFC 8853; libwebrtc ValidateRtpHeaderExtensionsForSpecSimulcast',
  },
} as const satisfies Record<string, SdpProblemInfo>);

/** A stable problem code of `validate`. */
export type SdpProblemCode = keyof typeof SDP_PROBLEMS;
