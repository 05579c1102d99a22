import { BlockList, isIP } from 'node:net';

/**
 * Special-purpose ranges (RFC 6890 and its updates): private, loopback, link-local, shared (CGNAT),
 * documentation, benchmarking, multicast and reserved. They belong to no country, yet a country
 * database built from registry records may still answer one for them (the bundled one says AU for
 * 192.168.1.1 and 203.0.113.7), so they are never looked up.
 */
const SPECIAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  SPECIAL.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 127],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  SPECIAL.addSubnet(net, prefix, 'ipv6');

/**
 * The address as a country database takes it: IPv4-mapped IPv6 (`::ffff:77.88.8.8`, what a
 * dual-stack socket reports) as plain IPv4, a zone index dropped; null for anything that is not
 * a public address.
 */
export function publicAddress(raw: string): string | null {
  let ip = raw.trim();
  const zone = ip.indexOf('%');
  if (zone >= 0) ip = ip.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) ip = mapped[1]!;
  const family = isIP(ip);
  if (family === 0) return null;
  return SPECIAL.check(ip, family === 4 ? 'ipv4' : 'ipv6') ? null : ip;
}
