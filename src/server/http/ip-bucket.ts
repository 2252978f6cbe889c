/**
 * The unit a per-IP limit counts: the address itself for IPv4 (an IPv4-mapped IPv6 address
 * counts as its IPv4 address), the /64 network for IPv6, since one subscriber usually holds
 * a whole /64 and could otherwise rotate through addresses to escape every limit.
 */
export function ipBucket(ip: string): string {
  const address = ip.split('%')[0]!.toLowerCase();
  if (!address.includes(':')) return address;
  if (address.startsWith('::ffff:') && address.includes('.')) return address.slice(7);
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => (parseInt(g, 16) || 0).toString(16)).join(':')}::/64`;
}
