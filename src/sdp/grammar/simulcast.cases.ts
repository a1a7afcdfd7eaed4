/**
 * Well-formed and malformed cases of the simulcast attributes (simulcast.ts), run by
 * simulcast.test.ts and counted by coverage.test.ts. Data only: importing this module
 * registers no tests.
 */
import { type MalformedCase, scope, type ValidAttributes } from './table-harness.ts';

export const SIMULCAST_VALID = {
  rid: [
    {
      line: 'a=rid:h send pt=96;max-width=1280;max-height=720',
      value: {
        id: 'h',
        direction: 'send',
        payloadTypes: [96],
        restrictions: [
          { name: 'pt', value: '96' },
          { name: 'max-width', value: '1280' },
          { name: 'max-height', value: '720' },
        ],
      },
    },
    { line: 'a=rid:1 recv', value: { id: '1', direction: 'recv', restrictions: [] } },
    {
      line: 'a=rid:f send pt=96,97',
      value: {
        id: 'f',
        direction: 'send',
        payloadTypes: [96, 97],
        restrictions: [{ name: 'pt', value: '96,97' }],
      },
    },
    {
      line: 'a=rid:q_2-b recv max-fps=30;depend=a,b;x-flag',
      value: {
        id: 'q_2-b',
        direction: 'recv',
        restrictions: [
          { name: 'max-fps', value: '30' },
          { name: 'depend', value: 'a,b' },
          { name: 'x-flag' },
        ],
      },
    },
  ],
  simulcast: [
    {
      line: 'a=simulcast:send h;m;~l',
      value: {
        first: 'send',
        send: [
          [{ rid: 'h', paused: false }],
          [{ rid: 'm', paused: false }],
          [{ rid: 'l', paused: true }],
        ],
      },
    },
    {
      line: 'a=simulcast:send 1,~4;2;3 recv c',
      value: {
        first: 'send',
        send: [
          [
            { rid: '1', paused: false },
            { rid: '4', paused: true },
          ],
          [{ rid: '2', paused: false }],
          [{ rid: '3', paused: false }],
        ],
        recv: [[{ rid: 'c', paused: false }]],
      },
    },
    {
      line: 'a=simulcast:recv ~a send b',
      value: {
        first: 'recv',
        recv: [[{ rid: 'a', paused: true }]],
        send: [[{ rid: 'b', paused: false }]],
      },
    },
  ],
} satisfies ValidAttributes;

export const SIMULCAST_MALFORMED: MalformedCase[] = [
  // rid
  { line: 'a=rid:f sideways', at: 'sideways' },
  { line: 'a=rid:f@ send', at: 'f@ send' },
  { line: 'a=rid:f', at: '' },
  { line: 'a=rid:f send ', at: '' },
  { line: 'a=rid:f send =3', at: '=3' },
  { line: 'a=rid:f send pt=9x', at: '9x' },
  { line: 'a=rid:f send max-width=1;pt=1x', at: '1x' },
  { line: 'a=rid:f send pt=96;;x', at: ';x' },
  scope('a=rid:f send', 'session'),
  // simulcast
  { line: 'a=simulcast: send rid=spam;egg', at: ' send rid=spam;egg' },
  { line: 'a=simulcast:send rid=spam;egg', at: 'rid=spam;egg' },
  { line: 'a=simulcast:send', at: '' },
  { line: 'a=simulcast:send a recv', at: '' },
  { line: 'a=simulcast:send a send b', at: 'send b' },
  { line: 'a=simulcast:send a;', at: '' },
  { line: 'a=simulcast:send ~', at: '' },
  { line: 'a=simulcast:both a', at: 'both a' },
  scope('a=simulcast:send a', 'session'),
];
