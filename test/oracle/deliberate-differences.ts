import type { Difference } from './compare.ts';

/**
 * Where our answer differs from Chromium's on purpose. The oracle test expects, for each
 * scenario and exchange, exactly these differences and no others: a difference not listed
 * fails, and so does a listed one that went away (then delete its entry).
 *
 * Owned by whoever owns the engine (src/negotiation/answer.ts). Every entry says why we
 * answer differently and which spec section backs our choice; "Chromium does it" is the
 * default, so an entry must name something better than taste.
 */
export interface DeliberateDifference extends Difference {
  /** 0-based exchange of the scenario the difference shows in. */
  exchange: number;
  /** Why our answer is right, or why Chromium's behaviour should not be copied. */
  why: string;
  /** The spec section that decides, e.g. `RFC 9429 5.3.1`. */
  spec: string;
}

/** By scenario name (see SCENARIOS in scenarios.ts). Empty until the engine owner adds one. */
export const DELIBERATE_DIFFERENCES: Readonly<Record<string, readonly DeliberateDifference[]>> = {
  // The offer's bundle-only video section carries no ICE/DTLS lines of its own, as RFC 9143
  // allows. Chromium then answers video without a=setup and rejects the data channel,
  // which the offer described completely; we keep every section the offer bundled.
  'bundle-only video without transport': [
    {
      exchange: 0,
      section: null,
      mid: null,
      field: 'bundle',
      key: null,
      ours: '0 1 2',
      theirs: '0 1',
      why: 'the data section is a complete, bundled offer; nothing in it calls for rejection',
      spec: 'RFC 9143 7.3.1, RFC 9429 5.3.1',
    },
    {
      exchange: 0,
      section: 1,
      mid: '1',
      field: 'setup',
      key: null,
      ours: 'active',
      theirs: null,
      why: 'an answer states the DTLS role in each bundled section, as Chromium itself does elsewhere',
      spec: 'RFC 8842 5.2, RFC 9429 5.3.1',
    },
    {
      exchange: 0,
      section: 2,
      mid: '2',
      field: 'accepted',
      key: null,
      ours: 'accepted',
      theirs: 'rejected',
      why: 'a bundle-only sibling without transport lines does not make the data section unusable',
      spec: 'RFC 9143 7.3.1',
    },
  ],
};

/** The differences the oracle expects for one exchange of one scenario, without the notes. */
export function expectedDifferences(scenario: string, exchange: number): Difference[] {
  return (DELIBERATE_DIFFERENCES[scenario] ?? [])
    .filter((entry) => entry.exchange === exchange)
    .map(({ section, mid, field, key, ours, theirs }) => ({
      section,
      mid,
      field,
      key,
      ours,
      theirs,
    }));
}
