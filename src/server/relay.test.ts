import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type ClientMessages, decodeClientMessage, encode } from 'switchboard/protocol';
import { relayedSignal, verbatimPayload } from './relay.ts';

function decodeSignal(frame: string): ClientMessages['signal'] {
  const decoded = decodeClientMessage(frame);
  if (!decoded.ok || decoded.message.type !== 'signal') assert.fail(frame);
  return decoded.message;
}

test('the relayed frame is what encode gives, with the payload as the sender wrote it', () => {
  const data = fc.jsonValue({ maxDepth: 4 });
  const name = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !/\s/.test(s));
  fc.assert(
    fc.property(
      data,
      name,
      name,
      fc.constantFrom(0, 1),
      fc.nat(),
      (value, room, peer, indent, seq) => {
        const payload = { kind: 'data', data: value };
        const written = JSON.stringify(payload, null, indent);
        const frame = `{"type":"signal","seq":1,"room":${JSON.stringify(room)},"to":"x","payload":${written}}`;
        const msg = decodeSignal(frame);
        assert.equal(verbatimPayload(frame, msg), written);
        const relayed = relayedSignal(peer, msg, frame);
        const sequenced = { ...relayed.message, seq };
        assert.equal(
          `${relayed.head}${seq}}`,
          encode(sequenced).replace(JSON.stringify(msg.payload), () => written),
        );
        assert.deepEqual(JSON.parse(`${relayed.head}${seq}}`), sequenced);
        // Without the frame, the payload is serialized: exactly encode's text.
        assert.equal(`${relayedSignal(peer, msg).head}${seq}}`, encode(sequenced));
      },
    ),
    { numRuns: 300 },
  );
});

test('only a data payload given once, with one kind, is relayed as written', () => {
  const cases: [string, boolean][] = [
    ['{"kind":"data","data":1}', true],
    ['{"kind":"candidate","candidate":{"candidate":""}}', false],
    ['{"kind":"description","description":{"type":"rollback","sdp":""}}', false],
    ['{"kind":"description","kind":"data","data":1}', false],
  ];
  for (const [payload, verbatim] of cases) {
    const frame = `{"type":"signal","seq":1,"room":"r","to":"x","payload":${payload}}`;
    assert.equal(verbatimPayload(frame, decodeSignal(frame)), verbatim ? payload : undefined);
  }
  const twice =
    '{"type":"signal","seq":1,"room":"r","to":"x","payload":1,"payload":{"kind":"data","data":1}}';
  assert.equal(verbatimPayload(twice, decodeSignal(twice)), undefined);
});
