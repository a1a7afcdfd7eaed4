/**
 * Drops UDP datagrams to chosen ports on the loopback interface with `tc`, to break an ICE
 * candidate pair for real (the packets vanish in the kernel, as on a network that went
 * away). Only for the private network namespace scripts/test.js runs the suite in: it
 * replaces the root queueing discipline of `lo`.
 *
 * The kernel here offers no `prio` qdisc and no `gact` drop action, so the filter sends the
 * matching datagrams to an HTB class limited to 8 bit/s whose one-packet queue drops the
 * rest: a black hole that lets through at most a packet or two at first and one every
 * couple of minutes after. Everything else goes through a 10 Gbit/s default class.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TC = '/usr/sbin/tc';

/** Why the black hole cannot be used here, or undefined when it can. */
export function blackholeUnavailable(): string | undefined {
  if (process.env.SWITCHBOARD_NO_NETNS === '1') {
    return 'not in a private network namespace (SWITCHBOARD_NO_NETNS=1): tc would change the real loopback';
  }
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return 'tc needs root on Linux';
  return undefined;
}

async function tc(...args: string[]): Promise<void> {
  try {
    await run(TC, args);
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    throw new Error(`tc ${args.join(' ')} failed: ${stderr || (error as Error).message}`);
  }
}

/** A black hole in place; `remove()` restores the loopback (idempotent). */
export interface UdpBlackhole {
  readonly ports: readonly number[];
  remove(): Promise<void>;
}

/** Starts dropping UDP datagrams sent to any of `ports` on `lo`. */
export async function blackholeUdpPorts(ports: readonly number[]): Promise<UdpBlackhole> {
  const reason = blackholeUnavailable();
  if (reason) throw new Error(`cannot drop packets: ${reason}`);
  await tc('qdisc', 'add', 'dev', 'lo', 'root', 'handle', '1:', 'htb', 'default', '20');
  let removed = false;
  const remove = async () => {
    if (removed) return;
    removed = true;
    await tc('qdisc', 'del', 'dev', 'lo', 'root');
  };
  try {
    await tc(
      'class',
      'add',
      'dev',
      'lo',
      'parent',
      '1:',
      'classid',
      '1:20',
      'htb',
      'rate',
      '10gbit',
    );
    await tc(
      'class',
      'add',
      'dev',
      'lo',
      'parent',
      '1:',
      'classid',
      '1:10',
      'htb',
      'rate',
      '8bit',
      'ceil',
      '8bit',
    );
    await tc('qdisc', 'add', 'dev', 'lo', 'parent', '1:10', 'handle', '10:', 'pfifo', 'limit', '1');
    for (const port of ports) {
      await tc(
        'filter',
        'add',
        'dev',
        'lo',
        'parent',
        '1:',
        'protocol',
        'ip',
        'prio',
        '1',
        'u32',
        'match',
        'ip',
        'protocol',
        '17',
        '0xff',
        'match',
        'ip',
        'dport',
        String(port),
        '0xffff',
        'flowid',
        '1:10',
      );
    }
  } catch (error) {
    await remove().catch(() => {});
    throw error;
  }
  return { ports, remove };
}
