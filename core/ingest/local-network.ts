/**
 * Addresses on this computer or the local network (loopback, private, link-local, shared,
 * multicast, reserved). A page from the internet names its images; fetching one of these for
 * it would let any page make Glossa send requests to a router, a printer or a local service.
 * Node's own BlockList does the matching.
 */
import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Agent } from 'undici';

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
 * it is public. A name that does not resolve is left to the fetch, which reports it. This
 * check gives the clear message up front; publicOnlyAgent checks again at connection time.
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

/** Why a connection was refused at connect time: the name now stands for a local address. */
export class LocalAddressError extends Error {
  readonly code = 'GLOSSA_LOCAL_ADDRESS';
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`${hostname} resolves to ${address}, on this computer or the local network`);
  }
}

/**
 * A DNS lookup for sockets that answers only with public addresses and fails with
 * LocalAddressError if any answer is local. It is the lookup the connection itself uses, so
 * a name that says "public" to the first question and "local" to the next (DNS rebinding)
 * cannot slip past the earlier check.
 */
export function publicOnlyLookup(resolve: Resolve = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const local = addresses.find(isLocalAddress);
        if (local !== undefined) return callback(new LocalAddressError(hostname, local), '', 0);
        const want = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
        const found: LookupAddress[] = addresses
          .map((address) => ({ address, family: isIP(address) }))
          .filter((a) => a.family !== 0 && (want === 0 || a.family === want));
        if (found.length === 0) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }), '', 0);
        if (options.all) callback(null, found);
        else callback(null, found[0]!.address, found[0]!.family);
      },
      (e: unknown) => callback(e as NodeJS.ErrnoException, '', 0),
    );
  };
}

/** Connections for one publicOnly fetch: each socket looks its host up with publicOnlyLookup. */
export function publicOnlyAgent(resolve?: Resolve): Agent {
  return new Agent({ connect: { lookup: publicOnlyLookup(resolve) } });
}
