import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Member } from 'switchboard/protocol';
import { Roster } from './roster.ts';

const m = (peer: string, version: number): Member => ({
  peer,
  presence: { v: version },
  version,
  polite: false,
});

type Announcement = ['joined' | 'updated', string, number] | ['left', string, number];

// name, roster of `joined` (peer@version), announcements, expected changes, final roster
const TABLE: ReadonlyArray<[string, string[], Announcement[], string[], string[]]> = [
  [
    'in order: joined v1, updated v2, updated v3, left v3',
    [],
    [
      ['joined', 'bob', 1],
      ['updated', 'bob', 2],
      ['updated', 'bob', 3],
      ['left', 'bob', 3],
    ],
    ['joined bob@1', 'updated bob@2', 'updated bob@3', 'left bob@3'],
    [],
  ],
  ['updated v2 after v3: ignored', ['bob@3'], [['updated', 'bob', 2]], ['ignored'], ['bob@3']],
  [
    'updated with the known version: ignored',
    ['bob@3'],
    [['updated', 'bob', 3]],
    ['ignored'],
    ['bob@3'],
  ],
  [
    'joined of a known member, older: ignored',
    ['bob@3'],
    [['joined', 'bob', 2]],
    ['ignored'],
    ['bob@3'],
  ],
  [
    'joined of a known member, newer: an update',
    ['bob@3'],
    [['joined', 'bob', 4]],
    ['updated bob@4'],
    ['bob@4'],
  ],
  ['left older than known: ignored', ['bob@3'], [['left', 'bob', 2]], ['ignored'], ['bob@3']],
  ['updated for an unknown member: ignored', [], [['updated', 'bob', 5]], ['ignored'], []],
  [
    'left, then a stale update: ignored',
    ['bob@1'],
    [
      ['left', 'bob', 2],
      ['updated', 'bob', 1],
    ],
    ['left bob@1', 'ignored'],
    [],
  ],
  [
    'two members interleaved, each ordered by its own version',
    ['bob@1', 'carol@7'],
    [
      ['updated', 'carol', 8],
      ['updated', 'bob', 2],
      ['updated', 'carol', 6],
      ['updated', 'bob', 2],
    ],
    ['updated carol@8', 'updated bob@2', 'ignored', 'ignored'],
    ['bob@2', 'carol@8'],
  ],
];

for (const [name, initial, announcements, expected, final] of TABLE) {
  test(`roster: ${name}`, () => {
    const roster = new Roster();
    roster.setRoom(
      'r',
      initial.map((entry) => {
        const [peer, version] = entry.split('@');
        return m(peer as string, Number(version));
      }),
    );
    const changes = announcements.map(([kind, peer, version]) => {
      const change =
        kind === 'left'
          ? roster.remove('r', peer, version)
          : roster.apply('r', m(peer, version), kind);
      return change.kind === 'ignored'
        ? 'ignored'
        : `${change.kind} ${change.member.peer}@${change.member.version}`;
    });
    assert.deepEqual(changes, expected);
    assert.deepEqual(
      [...(roster.members('r')?.values() ?? [])]
        .map((member) => `${member.peer}@${member.version}`)
        .sort(),
      final,
    );
  });
}

test('announcements for a room not joined are ignored', () => {
  const roster = new Roster();
  assert.equal(roster.apply('x', m('bob', 1), 'joined').kind, 'ignored');
  assert.equal(roster.remove('x', 'bob', 1).kind, 'ignored');
});
