import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type Capabilities,
  capabilitiesFromDescription,
  chromiumCapabilities,
  createAnswer,
} from 'switchboard/negotiation';
import { parse, type SessionDescription, validate } from 'switchboard/sdp';
import { withChromiumPage } from '../support/chromium.ts';
import { compareAnswers, formatDifference } from './compare.ts';
import {
  DELIBERATE_DIFFERENCES,
  type DeliberateDifference,
  expectedDifferences,
} from './deliberate-differences.ts';
import { acceptAnswer, type CollectedScenario, collectScenarios, SCENARIOS } from './scenarios.ts';

// The oracle: for every scenario, real Chromium answers a real (or munged) offer, our
// createAnswer answers the same offer with the capabilities read from Chromium's own offer,
// and the two answers must agree on everything that is not random, except the differences
// DELIBERATE_DIFFERENCES lists. Chromium must also accept our answer.

/** Chromium start, 19 scenarios and the wrtc child take about 3 s here; CI machines are slower. */
const ORACLE_TIMEOUT_MS = 120_000;

/** ICE ufrag and pwd of every m-section by mid (media level, else session level). */
function iceByMid(desc: SessionDescription): Map<string, string> {
  const session = desc.session;
  const out = new Map<string, string>();
  for (const media of desc.media) {
    if (media.mid === undefined || media.rejected) continue;
    const ufrag = (media.attribute('ice-ufrag') ?? session.attribute('ice-ufrag'))?.ufrag;
    const pwd = (media.attribute('ice-pwd') ?? session.attribute('ice-pwd'))?.pwd;
    out.set(media.mid, `${ufrag} ${pwd}`);
  }
  return out;
}

/**
 * Asserts that `answers[1]` changed the ICE credentials of exactly the sections whose offer
 * changed them (RFC 9429 5.3.1 and 5.8: an ICE restart is the offer's new ufrag/pwd; the
 * answerer restarts the same transports, no others).
 */
function assertIceFollowsOffer(offers: string[], answers: string[], whose: string): void {
  const [offerBefore, offerAfter] = offers.map((sdp) => iceByMid(parse(sdp)));
  const [answerBefore, answerAfter] = answers.map((sdp) => iceByMid(parse(sdp)));
  for (const [mid, credentials] of answerAfter!) {
    const before = answerBefore!.get(mid);
    if (before === undefined || !offerBefore!.has(mid)) continue;
    const restarted = offerBefore!.get(mid) !== offerAfter!.get(mid);
    assert.equal(
      before !== credentials,
      restarted,
      `${whose} answer, mid ${mid}: the offer ${restarted ? 'restarted' : 'kept'} ICE, ` +
        `the answer ${before !== credentials ? 'changed' : 'kept'} its credentials`,
    );
  }
}

/** Our answers to every exchange of `scenario`, each renegotiating the one before. */
function answerScenario(scenario: CollectedScenario, capabilities: Capabilities): string[] {
  const answers: string[] = [];
  for (const [index, { offer }] of scenario.exchanges.entries()) {
    const previousOffer = scenario.exchanges[index - 1]?.offer;
    const previousAnswer = answers[index - 1];
    // options.previous: our previous exchange of the same session; its answer is our
    // previous local description (the engine needs the previous offer too, to tell which
    // transports the new offer restarts).
    const options =
      previousOffer === undefined || previousAnswer === undefined
        ? {}
        : { previous: { offer: parse(previousOffer), answer: parse(previousAnswer) } };
    answers.push(createAnswer(offer, capabilities, options).sdp);
  }
  return answers;
}

function withTransceivers(base: Capabilities, scenario: CollectedScenario): Capabilities {
  return scenario.transceivers.length === 0
    ? base
    : { ...base, transceivers: scenario.transceivers.map((t) => ({ ...t })) };
}

test('DELIBERATE_DIFFERENCES names real scenarios and says why', () => {
  const names = new Set(SCENARIOS.map((scenario) => scenario.name));
  for (const [name, entries] of Object.entries(DELIBERATE_DIFFERENCES)) {
    assert.ok(names.has(name), `DELIBERATE_DIFFERENCES names no scenario: ${name}`);
    for (const entry of entries as DeliberateDifference[]) {
      assert.ok(entry.why.trim().length > 0, `${name}: ${formatDifference(entry)} has no why`);
      assert.ok(entry.spec.trim().length > 0, `${name}: ${formatDifference(entry)} has no spec`);
    }
  }
});

test('createAnswer answers like Chromium', { timeout: ORACLE_TIMEOUT_MS }, async (t) => {
  await withChromiumPage(async (page) => {
    const collection = await collectScenarios(page);
    t.diagnostic(
      `collected ${collection.scenarios.length} scenarios in ${Math.round(collection.ms)} ms`,
    );

    await t.test('Chromium takes every scenario, munged offers included', () => {
      assert.deepEqual(collection.failures, {});
      assert.deepEqual(
        collection.scenarios.map((scenario) => scenario.name),
        SCENARIOS.map((scenario) => scenario.name),
      );
    });

    const capabilities = capabilitiesFromDescription(collection.selfOffer);

    await t.test('chromiumCapabilities() is what a fresh Chromium offer says', () => {
      assert.deepEqual(chromiumCapabilities(), capabilities);
    });

    for (const scenario of collection.scenarios) {
      await t.test(scenario.name, async (st) => {
        const ours = answerScenario(scenario, withTransceivers(capabilities, scenario));
        const several = scenario.exchanges.length > 1;

        for (const [index, answer] of ours.entries()) {
          const label = several ? `exchange ${index + 1}: ` : '';
          const theirs = scenario.exchanges[index]!.answer;

          await st.test(`${label}our answer parses strictly and validates clean`, () => {
            const problems = validate(parse(answer), { type: 'answer' });
            assert.deepEqual(
              problems.map(({ code, message }) => `${code}: ${message}`),
              [],
            );
          });

          await st.test(`${label}our answer negotiates what Chromium's does`, () => {
            const differences = compareAnswers(answer, theirs);
            const expected = expectedDifferences(scenario.name, index);
            assert.deepEqual(
              differences,
              expected,
              `differences from Chromium's answer:\n${differences.map(formatDifference).join('\n')}`,
            );
          });
        }

        if (several) {
          await st.test('ICE credentials change exactly where the offer restarted', () => {
            const offers = scenario.exchanges.slice(-2).map((exchange) => exchange.offer);
            const chromium = scenario.exchanges.slice(-2).map((exchange) => exchange.answer);
            // The rule holds for Chromium too, or the rule (or the scenario) is wrong.
            assertIceFollowsOffer(offers, chromium, "Chromium's");
            assertIceFollowsOffer(offers, ours.slice(-2), 'our');
          });
        }

        const { acceptor } = scenario;
        if (acceptor.peer === null) {
          st.diagnostic(`no Chromium offerer takes our answer: ${acceptor.reason}`);
        } else {
          const which = acceptor.localOffer === 'original' ? ' (its unmunged offer)' : '';
          await st.test(`Chromium's offerer${which} accepts our answer`, async () => {
            const result = await acceptAnswer(page, scenario, ours.at(-1)!);
            assert.deepEqual(result, { ok: true, value: '' });
          });
        }
      });
    }
  });
});
