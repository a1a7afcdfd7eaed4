import assert from 'node:assert/strict';
import { test } from 'node:test';
import { h265LevelIdForAnswer, h265ProfileTierLevelOf } from './h265-profile-tier-level.ts';

// fmtp -> `profile tier level`, or undefined when libwebrtc does not understand it
const READ: [string, Record<string, string>, string | undefined][] = [
  ['none: Main, Main tier, 3.1', {}, '1 0 93'],
  ['profile-id=2', { 'profile-id': '2' }, '2 0 93'],
  ['level-id=180;tier-flag=1', { 'level-id': '180', 'tier-flag': '1' }, '1 1 180'],
  ['profile-id=12: not a profile', { 'profile-id': '12' }, undefined],
  ['level-id=91: not a level', { 'level-id': '91' }, undefined],
  ['tier-flag=1 at level 3.1: no High tier there', { 'tier-flag': '1' }, undefined],
  ['tier-flag=2', { 'tier-flag': '2', 'level-id': '120' }, undefined],
  ['profile-id=+1: not a number', { 'profile-id': '+1' }, undefined],
];

for (const [name, parameters, expected] of READ) {
  test(`H265 ${name}`, () => {
    const ptl = h265ProfileTierLevelOf(parameters);
    assert.equal(ptl && `${ptl.profile} ${ptl.tier} ${ptl.level}`, expected);
  });
}

// local fmtp x offered fmtp -> answer level-id (RFC 7798 7.2.2: not above the offer)
const ANSWER: [string, Record<string, string>, Record<string, string>, string | undefined][] = [
  ['local 180 vs offered 120: 120', { 'level-id': '180' }, { 'level-id': '120' }, '120'],
  ['local 93 vs offered 156: 93', { 'level-id': '93' }, { 'level-id': '156' }, '93'],
  ['local absent (93) vs offered 120: 93', {}, { 'level-id': '120' }, '93'],
  ['local profile-id=1 only vs none: 93', { 'profile-id': '1' }, {}, '93'],
  ['neither gives profile, tier or level: none', { 'tx-mode': 'SRST' }, {}, undefined],
];

for (const [name, local, remote, expected] of ANSWER) {
  test(`H265 answer level, ${name}`, () => {
    assert.equal(h265LevelIdForAnswer(local, remote), expected);
  });
}
