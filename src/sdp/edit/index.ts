/**
 * Editing helpers for parsed descriptions. Each mutates the section it is given and
 * returns it; every line it does not name keeps its text, terminator and identity, so
 * `serialize` after an edit differs from the input only in the edited lines.
 */
export { setBandwidth } from './bandwidth.ts';
export { addCandidate, addEndOfCandidates, removeCandidates } from './candidates.ts';
export { type CodecSelector, preferCodecs, removeCodecs, reorderCodecs } from './codecs.ts';
export { setDirection } from './direction.ts';
export {
  createAttributeLine,
  createLine,
  insertionIndex,
  insertLine,
  insertLines,
  removeLines,
  replaceLine,
  terminatorAt,
} from './lines.ts';
