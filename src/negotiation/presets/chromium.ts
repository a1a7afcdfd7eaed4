/**
 * The capability preset of current Chromium, read from a real Chromium 156 offer
 * (./chromium-156-offer.ts). The oracle tests check it against the installed Chromium.
 */
import type { Capabilities } from '../capabilities.ts';
import { capabilitiesFromDescription } from '../capabilities-from-description.ts';
import { CHROMIUM_156_OFFER } from './chromium-156-offer.ts';

let cached: Capabilities | undefined;

/** Chromium 156's capabilities; each call returns a fresh copy the caller may change. */
export function chromiumCapabilities(): Capabilities {
  cached ??= capabilitiesFromDescription(CHROMIUM_156_OFFER);
  return structuredClone(cached);
}
