/**
 * The nesting limit of wire messages. JSON.parse accepts a million nested arrays, but
 * JSON.stringify (and any recursive walk) overflows the stack a few thousand levels down, so
 * a relay that re-encodes a message could be crashed by a 10 kB frame. Schemas bound the
 * depth of every field they describe; this bounds the open ones (presence values, `data`).
 */
import { escapePointerToken } from './json-pointer.ts';

/**
 * How deeply objects and arrays may nest in a message, the message object itself counting as
 * level 1: `{"a":[{}]}` has depth 3.
 */
export const MAX_NESTING_DEPTH = 32;

/**
 * The JSON Pointer of the first object or array found deeper than `maxDepth` levels (the
 * value itself being level 1), or `undefined` when `value` nests no deeper. Never recurses
 * more than `maxDepth + 1` frames, whatever the input.
 */
export function findTooDeep(value: unknown, maxDepth = MAX_NESTING_DEPTH): string | undefined {
  return exceeds(value, maxDepth) ? pathToTooDeep(value, maxDepth, '') : undefined;
}

/** True when `value` holds an object or array more than `budget` levels down. */
function exceeds(value: unknown, budget: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (budget === 0) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (exceeds(item, budget - 1)) return true;
    return false;
  }
  // Objects from JSON.parse have no inherited enumerable keys, so `for in` is safe and fast.
  for (const key in value) {
    if (exceeds((value as Record<string, unknown>)[key], budget - 1)) return true;
  }
  return false;
}

/** The pointer to the first too-deep value; only called once `exceeds` said there is one. */
function pathToTooDeep(value: unknown, budget: number, path: string): string {
  if (budget === 0) return path;
  const entries = Array.isArray(value)
    ? value.map((item, index) => [String(index), item] as const)
    : Object.entries(value as Record<string, unknown>);
  for (const [key, child] of entries) {
    if (exceeds(child, budget - 1))
      return pathToTooDeep(child, budget - 1, `${path}/${escapePointerToken(key)}`);
  }
  return path;
}
