/**
 * Offer munging for the oracle scenarios: small edits of Chromium offers as text, line by
 * line. They use no switchboard code on purpose: the oracle must not lean on the package it
 * judges, and a munged offer is only trusted once Chromium accepted it.
 */

/** An SDP cut into its session lines and one line list per m-section, CRLF-free. */
interface SdpBlocks {
  session: string[];
  media: string[][];
}

function split(sdp: string): SdpBlocks {
  const lines = sdp.split(/\r?\n/).filter((line) => line !== '');
  const blocks: SdpBlocks = { session: [], media: [] };
  for (const line of lines) {
    if (line.startsWith('m=')) blocks.media.push([line]);
    else (blocks.media.at(-1) ?? blocks.session).push(line);
  }
  return blocks;
}

function join(blocks: SdpBlocks): string {
  return `${[...blocks.session, ...blocks.media.flat()].join('\r\n')}\r\n`;
}

/** The m-section with `a=mid:<mid>`; throws when there is none, so a munge never misses. */
function sectionOf(blocks: SdpBlocks, mid: string): string[] {
  const section = blocks.media.find((lines) => lines.includes(`a=mid:${mid}`));
  if (!section) throw new Error(`munge: no m-section with mid ${mid}`);
  return section;
}

/** Edits the lines of the m-section `mid` in place through `edit`. */
function editSection(sdp: string, mid: string, edit: (lines: string[]) => string[]): string {
  const blocks = split(sdp);
  const index = blocks.media.indexOf(sectionOf(blocks, mid));
  blocks.media[index] = edit(sectionOf(blocks, mid));
  return join(blocks);
}

/** Payload types of the section's codecs named `name` (case-insensitive rtpmap match). */
function payloadTypesNamed(lines: string[], name: string): string[] {
  const pattern = new RegExp(`^a=rtpmap:(\\d+) ${name}/`, 'i');
  return lines.flatMap((line) => pattern.exec(line)?.[1] ?? []);
}

/**
 * Rewrites the fmtp of every `codec` payload type in section `mid`: `edit` gets the
 * parameters in order and returns the new ones. A codec without fmtp gets one.
 */
export function editFmtp(
  sdp: string,
  mid: string,
  codec: string,
  edit: (parameters: Array<[string, string]>) => Array<[string, string]>,
): string {
  return editSection(sdp, mid, (lines) => {
    const pts = payloadTypesNamed(lines, codec);
    if (pts.length === 0) throw new Error(`munge: no ${codec} in mid ${mid}`);
    let out = lines;
    for (const pt of pts) {
      const prefix = `a=fmtp:${pt} `;
      const index = out.findIndex((line) => line.startsWith(prefix));
      const current =
        index < 0
          ? []
          : out[index]!.slice(prefix.length)
              .split(';')
              .map((piece): [string, string] => {
                const eq = piece.indexOf('=');
                return eq < 0 ? [piece, ''] : [piece.slice(0, eq), piece.slice(eq + 1)];
              });
      const text = `${prefix}${edit(current)
        .map(([name, value]) => (value === '' ? name : `${name}=${value}`))
        .join(';')}`;
      if (index >= 0) out = out.map((line, i) => (i === index ? text : line));
      else {
        const rtpmap = out.findIndex((line) => line.startsWith(`a=rtpmap:${pt} `));
        out = [...out.slice(0, rtpmap + 1), text, ...out.slice(rtpmap + 1)];
      }
    }
    return out;
  });
}

/** Sets the m= line port of section `mid` (0 rejects it, or with bundle-only bundles it). */
export function setPort(sdp: string, mid: string, port: number): string {
  return editSection(sdp, mid, ([mLine, ...rest]) => [
    mLine!.replace(/^(m=\S+) \d+/, `$1 ${port}`),
    ...rest,
  ]);
}

/**
 * Makes section `mid` bundle-only (RFC 9143 6): port 0 and `a=bundle-only` after its mid.
 * With `stripTransport` it also loses its ICE and DTLS lines, as an offerer that leaves
 * transport attributes to the BUNDLE-tag section writes it.
 */
export function makeBundleOnly(sdp: string, mid: string, stripTransport = false): string {
  const transport = /^a=(ice-ufrag|ice-pwd|ice-options|fingerprint|setup|candidate|end-of-cand)/;
  return editSection(setPort(sdp, mid, 0), mid, (lines) =>
    lines
      .filter((line) => !(stripTransport && transport.test(line)))
      .flatMap((line) => (line === `a=mid:${mid}` ? [line, 'a=bundle-only'] : [line])),
  );
}

/**
 * Appends an `m=text` section carrying T.140 (RFC 4103) over the bundle transport, with mid
 * `mid`, and adds it to the BUNDLE group: a media kind no browser implements.
 */
export function appendTextSection(sdp: string, mid: string): string {
  const blocks = split(sdp);
  const first = blocks.media[0];
  if (!first) throw new Error('munge: no m-section to copy the transport from');
  const transport = first.filter((line) =>
    /^(c=|a=(ice-ufrag|ice-pwd|ice-options|fingerprint|setup):)/.test(line),
  );
  blocks.media.push([
    'm=text 9 UDP/TLS/RTP/SAVPF 98',
    ...transport,
    `a=mid:${mid}`,
    'a=sendrecv',
    'a=rtcp-mux',
    'a=rtpmap:98 t140/1000',
  ]);
  blocks.session = blocks.session.map((line) =>
    line.startsWith('a=group:BUNDLE') ? `${line} ${mid}` : line,
  );
  return join(blocks);
}

/** Removes the session's BUNDLE group: every m-section then needs a transport of its own. */
export function removeBundleGroup(sdp: string): string {
  const blocks = split(sdp);
  blocks.session = blocks.session.filter((line) => !line.startsWith('a=group:BUNDLE'));
  return join(blocks);
}

/** The ICE ufrag and pwd of section `mid` (RFC 8839 5.4), as written there. */
export function iceCredentialsOf(sdp: string, mid: string): { ufrag: string; pwd: string } {
  const lines = sectionOf(split(sdp), mid);
  const value = (name: string) => {
    const line = lines.find((l) => l.startsWith(`a=${name}:`));
    if (!line) throw new Error(`munge: no a=${name} in mid ${mid}`);
    return line.slice(name.length + 3);
  };
  return { ufrag: value('ice-ufrag'), pwd: value('ice-pwd') };
}

/** Replaces the ICE ufrag and pwd of section `mid`: the way to undo a restart for one section. */
export function setIceCredentials(
  sdp: string,
  mid: string,
  credentials: { ufrag: string; pwd: string },
): string {
  return editSection(sdp, mid, (lines) =>
    lines.map((line) =>
      line.startsWith('a=ice-ufrag:')
        ? `a=ice-ufrag:${credentials.ufrag}`
        : line.startsWith('a=ice-pwd:')
          ? `a=ice-pwd:${credentials.pwd}`
          : line,
    ),
  );
}
