// Where each device sends from. A LwM2M server knows a client by its source address and port,
// so every device needs a pair of its own, hence a socket (a file descriptor) of its own: one
// socket shared by many devices would look like one client re-registering under many names.
// Devices bind port 0 on an address of their own group, so the kernel picks a free port and
// no pair is ever taken twice, by the fleet or by anything else on the host. Linux routes all of
// 127/8 to the loopback interface, so a loopback fleet spreads over 127.100.0.1, .2, …
import { isIPv4 } from 'node:net';
import { UsageError } from '../errors.ts';

export interface SourcePlan {
  /** First source address; 0.0.0.0 (any) or another single address is used by every device. */
  first: string;
  /** Devices per source address (each gets an ephemeral port on it); spreads only over 127/8. */
  perAddress: number;
}

const toInt = (a: string) => a.split('.').reduce((n, part) => n * 256 + Number(part), 0);
const toAddress = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');

export function isLoopback(address: string): boolean {
  return isIPv4(address) && address.startsWith('127.');
}

/** The default: its own corner of 127/8 for a loopback server, else the host's own addresses. */
export function defaultSource(server: string): string {
  return isLoopback(server) ? '127.100.0.1' : '0.0.0.0';
}

export function checkSourcePlan(plan: SourcePlan, firstDevice: number, devices: number): void {
  if (!isIPv4(plan.first)) throw new UsageError(`--source ${plan.first}: give an IPv4 address`);
  if (!Number.isInteger(plan.perAddress) || plan.perAddress < 1 || plan.perAddress > 28_000) {
    throw new UsageError(`--per-address ${plan.perAddress}: give 1 to 28000 (ports in Linux's ephemeral range)`);
  }
  if (isLoopback(plan.first)) {
    const last = toInt(plan.first) + Math.floor((firstDevice + devices - 1) / plan.perAddress);
    if (last >= toInt('128.0.0.0')) throw new UsageError(`--source ${plan.first}: ${firstDevice + devices} devices run past 127.255.255.255`);
  } else if (devices > 28_000) {
    throw new UsageError(`${devices} devices from one source address (${plan.first}) need more ephemeral ports than Linux has: use more shards`);
  }
}

/**
 * The source address of the device with fleet index `index`: counted over the whole fleet, not
 * the shard, so shards sharing a host share the addresses without sharing a pair.
 */
export function sourceAddress(plan: SourcePlan, index: number): string {
  if (!isLoopback(plan.first)) return plan.first;
  return toAddress(toInt(plan.first) + Math.floor(index / plan.perAddress));
}
