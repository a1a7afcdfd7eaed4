/**
 * Well-formed and malformed cases of the ICE attributes (ice.ts), run by ice.test.ts and
 * counted by coverage.test.ts. Data only: importing this module registers no tests.
 */
import { type MalformedCase, scope, type ValidAttributes } from './table-harness.ts';

export const ICE_VALID = {
  candidate: [
    {
      line: 'a=candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0 ufrag EsAw network-id 1 network-cost 10',
      value: {
        foundation: '1467250027',
        component: 1,
        transport: 'udp',
        priority: 2122260223,
        address: '192.168.0.196',
        port: 46243,
        type: 'host',
        generation: 0,
        ufrag: 'EsAw',
        networkId: 1,
        networkCost: 10,
        extensions: [
          ['generation', '0'],
          ['ufrag', 'EsAw'],
          ['network-id', '1'],
          ['network-cost', '10'],
        ],
      },
    },
    {
      line: 'a=candidate:842163049 1 udp 1677729535 203.0.113.7 61665 typ srflx raddr 192.168.0.196 rport 46243 generation 0',
      value: {
        foundation: '842163049',
        component: 1,
        transport: 'udp',
        priority: 1677729535,
        address: '203.0.113.7',
        port: 61665,
        type: 'srflx',
        relatedAddress: '192.168.0.196',
        relatedPort: 46243,
        generation: 0,
        extensions: [
          ['raddr', '192.168.0.196'],
          ['rport', '46243'],
          ['generation', '0'],
        ],
      },
    },
    {
      line: 'a=candidate:3 2 TCP 1518280447 192.168.0.196 9 typ host tcptype active',
      value: {
        foundation: '3',
        component: 2,
        transport: 'TCP',
        priority: 1518280447,
        address: '192.168.0.196',
        port: 9,
        type: 'host',
        tcpType: 'active',
        extensions: [['tcptype', 'active']],
      },
    },
    {
      line: 'a=candidate:4 1 udp 2122262783 5e4b8d4c-4e1a-4c6a-9f3b-3c1e8f2b7a10.local 54321 typ host',
      value: {
        foundation: '4',
        component: 1,
        transport: 'udp',
        priority: 2122262783,
        address: '5e4b8d4c-4e1a-4c6a-9f3b-3c1e8f2b7a10.local',
        port: 54321,
        type: 'host',
        extensions: [],
      },
    },
    {
      line: 'a=candidate:5 1 udp 41885439 198.51.100.9 3478 typ relay raddr 0.0.0.0 rport 0 x-unknown some-value generation 4294967295',
      value: {
        foundation: '5',
        component: 1,
        transport: 'udp',
        priority: 41885439,
        address: '198.51.100.9',
        port: 3478,
        type: 'relay',
        relatedAddress: '0.0.0.0',
        relatedPort: 0,
        generation: 4294967295,
        extensions: [
          ['raddr', '0.0.0.0'],
          ['rport', '0'],
          ['x-unknown', 'some-value'],
          ['generation', '4294967295'],
        ],
      },
    },
  ],
  'end-of-candidates': [
    { line: 'a=end-of-candidates', value: true },
    { line: 'a=end-of-candidates', value: true, level: 'session' },
  ],
  'ice-ufrag': [
    { line: 'a=ice-ufrag:EsAw', value: { ufrag: 'EsAw' } },
    { line: 'a=ice-ufrag:0048', value: { ufrag: '0048' } },
    { line: 'a=ice-ufrag:0048', value: { ufrag: '0048' }, level: 'session' },
  ],
  'ice-pwd': [
    { line: 'a=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y', value: { pwd: 'bP+XJMM09aR8AiX1jdukzR6Y' } },
    { line: 'a=ice-pwd:asd88fgpdd777uzjYhagZg', value: { pwd: 'asd88fgpdd777uzjYhagZg' } },
  ],
  'ice-options': [
    { line: 'a=ice-options:trickle', value: { options: ['trickle'] }, level: 'session' },
    { line: 'a=ice-options:trickle renomination', value: { options: ['trickle', 'renomination'] } },
  ],
  'ice-lite': [{ line: 'a=ice-lite', value: true }],
  'ice-mismatch': [{ line: 'a=ice-mismatch', value: true }],
  'remote-candidates': [
    {
      line: 'a=remote-candidates:1 192.0.2.3 45664 2 192.0.2.3 45665',
      value: {
        candidates: [
          { component: 1, address: '192.0.2.3', port: 45664 },
          { component: 2, address: '192.0.2.3', port: 45665 },
        ],
      },
    },
  ],
  'ice-pacing': [{ line: 'a=ice-pacing:50', value: { pacing: 50 } }],
} satisfies ValidAttributes;

export const ICE_MALFORMED: MalformedCase[] = [
  // candidate
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 1 typ host generation', at: '' },
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 1 typ host raddr', at: '' },
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 1 typ host generation x', at: 'x' },
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 1 typ host rport 99999', at: '99999' },
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 1 typ host network-id -1', at: '-1' },
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 1 typ host network-cost 1e3', at: '1e3' },
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 1 typ host ', at: '' },
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 70000 typ host', at: '70000 typ host' },
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 1 type host', at: 'type host' },
  { line: 'a=candidate:5 1 udp 1 1.2.3.4 1 typ', at: '' },
  {
    line: 'a=candidate:5 1 udp 4294967296 1.2.3.4 1 typ host',
    at: '4294967296 1.2.3.4 1 typ host',
  },
  { line: 'a=candidate:5 x udp 1 1.2.3.4 1 typ host', at: 'x udp 1 1.2.3.4 1 typ host' },
  {
    line: 'a=candidate:123456789012345678901234567890123 1 udp 1 1.2.3.4 1 typ host',
    at: '123456789012345678901234567890123 1 udp 1 1.2.3.4 1 typ host',
  },
  { line: 'a=candidate:', at: '' },
  scope('a=candidate:0 1 UDP 2130379007 10.0.0.36 62453 typ host', 'session'),
  // end-of-candidates
  { line: 'a=end-of-candidates:x', at: ':x' },
  // ice-ufrag, ice-pwd, ice-options, ice-lite, ice-mismatch, remote-candidates, ice-pacing
  { line: 'a=ice-ufrag:', at: '' },
  { line: 'a=ice-ufrag:a b', at: ' b' },
  { line: 'a=ice-pwd:', at: '' },
  { line: 'a=ice-pwd:a b', at: ' b' },
  { line: 'a=ice-options:trickle  x', at: ' x' },
  { line: 'a=ice-options:', at: '' },
  { line: 'a=ice-lite:1', at: ':1' },
  scope('a=ice-lite', 'media'),
  { line: 'a=ice-mismatch:1', at: ':1' },
  scope('a=ice-mismatch', 'session'),
  { line: 'a=remote-candidates:1 192.0.2.3', at: '' },
  { line: 'a=remote-candidates:', at: '' },
  scope('a=remote-candidates:0 10.0.0.1 5555', 'session'),
  { line: 'a=ice-pacing:x', at: 'x' },
  scope('a=ice-pacing:50', 'media'),
];
