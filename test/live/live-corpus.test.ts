import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  parse,
  type SessionDescription,
  serialize,
  unknownAttributes,
  validate,
} from 'switchboard/sdp';
import {
  collectChromiumSdps,
  collectWrtcSdps,
  type LiveSdp,
  type LiveSdpSource,
  SCENARIOS,
} from './scenarios.ts';

// Corpus of SDPs that real WebRTC stacks write right now: each must parse strictly,
// round-trip byte for byte, hold no unknown attribute and validate clean.

const SOURCES: ReadonlyArray<[LiveSdpSource, () => Promise<LiveSdp[]>]> = [
  ['chromium', collectChromiumSdps],
  ['wrtc', collectWrtcSdps],
];

/** Every scenario yields an offer and an answer; fewer means collection went wrong. */
const EXPECTED = SCENARIOS.flatMap((scenario) => [`${scenario} offer`, `${scenario} answer`]);

/** Each media section's ice-ufrag, falling back to the session-level one. */
function iceUfrags(desc: SessionDescription): Array<string | undefined> {
  const session = desc.session.attribute('ice-ufrag')?.ufrag;
  return desc.media.map((media) => media.attribute('ice-ufrag')?.ufrag ?? session);
}

function assertKnownGoodSdp(item: LiveSdp): void {
  const desc = parse(item.sdp, { mode: 'strict' });
  assert.equal(serialize(desc), item.sdp, 'serialize(parse(sdp)) differs from the SDP');
  const unknown = unknownAttributes(desc);
  assert.deepEqual(
    unknown,
    [],
    `unknown attributes: ${unknown.map(({ line, name }) => `a=${name} (line ${line})`).join(', ')}`,
  );
  const problems = validate(desc, { type: item.type });
  assert.deepEqual(
    problems,
    [],
    `validation problems: ${problems.map(({ code, message }) => `${code}: ${message}`).join('; ')}`,
  );
}

for (const [source, collect] of SOURCES) {
  test(`live ${source} SDPs`, { timeout: 60_000 }, async (t) => {
    const sdps = await collect();

    await t.test(`${source} yields an offer and an answer for every scenario`, () => {
      assert.ok(sdps.length >= 8, `only ${sdps.length} SDPs collected from ${source}`);
      assert.deepEqual(
        sdps.map(({ scenario, type }) => `${scenario} ${type}`),
        EXPECTED,
      );
      assert.ok(
        sdps.some(({ sdp }) => /^a=candidate:/m.test(sdp)),
        `no ${source} SDP carries an a=candidate line`,
      );
    });

    for (const item of sdps) {
      await t.test(
        `${item.source} ${item.scenario} ${item.type}: parses strict, round-trips, validates clean`,
        () => assertKnownGoodSdp(item),
      );
    }

    await t.test(`${source} ice-restart offer: every section has a new ice-ufrag`, () => {
      const offerOf = (scenario: LiveSdp['scenario']) => {
        const item = sdps.find((sdp) => sdp.scenario === scenario && sdp.type === 'offer');
        assert.ok(item, `no ${scenario} offer from ${source}`);
        return iceUfrags(parse(item.sdp, { mode: 'strict' }));
      };
      const before = offerOf('before-ice-restart');
      const after = offerOf('ice-restart');
      assert.equal(after.length, before.length, 'the restart changed the number of sections');
      assert.ok(before.length > 0, 'the first offer has no media sections');
      after.forEach((ufrag, index) => {
        assert.ok(ufrag, `section ${index} of the restarted offer has no ice-ufrag`);
        assert.notEqual(ufrag, before[index], `section ${index} kept ice-ufrag ${ufrag}`);
      });
    });
  });
}
