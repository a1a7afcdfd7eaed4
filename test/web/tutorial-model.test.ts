import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { candidateRow } from '../../web/pages/tutorial/candidate-row.ts';
import { formatElapsed, Timeline } from '../../web/pages/tutorial/timeline.ts';

describe('Timeline', () => {
  test('records states per peer with their round; a repeated state is dropped', () => {
    const t = new Timeline();
    t.add('pc1', 'stable', 0);
    assert.equal(t.nextRound(), 1);
    t.add('pc1', 'have-local-offer', 3);
    assert.equal(t.add('pc1', 'have-local-offer', 4), undefined);
    t.add('pc2', 'have-remote-offer', 5);
    t.add('pc1', 'stable', 9);
    assert.deepEqual(t.of('pc1'), [
      { state: 'stable', at: 0, round: 0 },
      { state: 'have-local-offer', at: 3, round: 1 },
      { state: 'stable', at: 9, round: 1 },
    ]);
    assert.deepEqual(
      t.of('pc2').map((e) => e.state),
      ['have-remote-offer'],
    );
  });

  test('clear() forgets states and rounds', () => {
    const t = new Timeline();
    t.nextRound();
    t.add('pc1', 'stable', 1);
    t.clear();
    assert.deepEqual(t.of('pc1'), []);
    assert.equal(t.nextRound(), 1);
  });
});

describe('formatElapsed', () => {
  const cases: [number, string][] = [
    [0, '+0.0 ms'],
    [3.14, '+3.1 ms'],
    [42.4, '+42 ms'],
    [999.4, '+999 ms'],
    [1250, '+1.25 s'],
  ];
  for (const [ms, text] of cases)
    test(`${ms} ms reads ${text}`, () => assert.equal(formatElapsed(ms), text));
});

describe('candidateRow', () => {
  const cases: {
    name: string;
    init: { candidate: string; sdpMid?: string | null; usernameFragment?: string | null };
    expected: ReturnType<typeof candidateRow>;
  }[] = [
    {
      name: 'a udp host candidate as Chromium trickles it',
      init: {
        candidate:
          'candidate:347008946 1 udp 2122260223 127.0.0.1 58256 typ host generation 0 ufrag itmd network-id 1',
        sdpMid: '0',
        usernameFragment: 'itmd',
      },
      expected: {
        mid: '0',
        type: 'host',
        protocol: 'udp',
        address: '127.0.0.1',
        port: 58256,
        ufrag: 'itmd',
        priority: 2122260223,
      },
    },
    {
      name: 'a tcp candidate names its tcptype; the ufrag comes from the string',
      init: {
        candidate:
          'a=candidate:3926145830 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active ufrag Ab12',
      },
      expected: {
        mid: undefined,
        type: 'host',
        protocol: 'tcp active',
        address: '127.0.0.1',
        port: 9,
        ufrag: 'Ab12',
        priority: 1518280447,
      },
    },
    {
      name: 'a string that is no candidate',
      init: { candidate: 'candidate:nope' },
      expected: undefined,
    },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(candidateRow(c.init), c.expected));
});
