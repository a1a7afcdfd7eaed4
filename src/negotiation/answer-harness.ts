/**
 * Shared by the createAnswer tests: the Chromium 156 offer without its simulcast lines,
 * Chromium capabilities with edits, and createAnswer checked for a strict, clean answer.
 * The build leaves this file out (tsconfig.build.json).
 */
import assert from 'node:assert/strict';
import { parse, validate } from 'switchboard/sdp';
import { type AnswerOptions, type AnswerResult, createAnswer } from './answer.ts';
import type { Capabilities } from './capabilities.ts';
import { chromiumCapabilities } from './presets/chromium.ts';
import { CHROMIUM_156_OFFER } from './presets/chromium-156-offer.ts';

/** The Chromium 156 offer with its simulcast lines removed: a plain audio/video/data offer. */
export const OFFER = CHROMIUM_156_OFFER.replace(/^a=(rid|simulcast):.*\r\n/gm, '');

/** Chromium capabilities changed by `change`. */
export function chromium(change: (caps: Capabilities) => void = () => {}): Capabilities {
  const caps = chromiumCapabilities();
  change(caps);
  return caps;
}

/** createAnswer, checking that the answer parses strictly and validates clean. */
export function answer(
  offer: string,
  caps: Capabilities = chromiumCapabilities(),
  options: AnswerOptions = {},
): AnswerResult {
  const result = createAnswer(offer, caps, options);
  const strict = parse(result.sdp, { mode: 'strict' });
  assert.deepEqual(validate(strict, { type: 'answer' }), []);
  return result;
}
