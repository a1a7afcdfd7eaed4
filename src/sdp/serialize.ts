/**
 * `serialize`: writes a description back as text. Every line is written exactly as it
 * was read (or as an edit formatted it), with its own terminator, so
 * `serialize(parse(x)) === x` for every accepted input.
 */
import type { SessionDescription } from './model.ts';

/** Writes `desc` as SDP text. */
export function serialize(desc: SessionDescription): string {
  let out = desc.bom;
  for (const l of desc.session.lines) out += l.text + l.eol;
  for (const m of desc.media) {
    for (const l of m.lines) out += l.text + l.eol;
  }
  return out;
}
