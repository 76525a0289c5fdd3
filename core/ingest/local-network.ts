/**
 * Addresses on this computer or the local network (loopback, private, link-local, shared,
 * multicast, reserved). A page from the internet names its images; fetching one of these for
 * it would let any page make Glossa send requests to a router, a printer or a local service.
 * Node's own BlockList does the matching.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const LOCAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  LOCAL.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  LOCAL.addSubnet(net, prefix, 'ipv6');
}

/** Whether an IP address (v4, v6, or v4 mapped into v6) is on this computer or the local network. */
export function isLocalAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped) return LOCAL.check(mapped, 'ipv4');
  const family = isIP(ip);
  if (family === 4) return LOCAL.check(ip, 'ipv4');
  if (family === 6) return LOCAL.check(ip, 'ipv6');
  return false;
}

export type Resolve = (host: string) => Promise<string[]>;

const systemResolve: Resolve = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * The local address a host name stands for (itself when it is an IP literal), or null when
 * it is public. A name that does not resolve is left to the fetch, which reports it.
 * (The fetch resolves the name again; a name that changes its answer in between is not caught.)
 */
export async function localAddressOf(hostname: string, resolve: Resolve = systemResolve): Promise<string | null> {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host)) return isLocalAddress(host) ? host : null;
  if (host === 'localhost' || host.endsWith('.localhost')) return host;
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return null;
  }
  return addresses.find(isLocalAddress) ?? null;
}
