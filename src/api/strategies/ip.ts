// netutils-style IP checks with the API server's messages (validation.IsValidIP, validateNonSpecialIP).
const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export const isIPv4 = (s: string) => V4.test(s);
export const isIP = (s: string) => V4.test(s) || (/^[0-9a-fA-F:.]+$/.test(s) && s.includes(':') && s.split('::').length <= 2);

export const INVALID_IP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

/** validateNonSpecialIP's messages for an address endpoints may not use. */
export function specialIPErrors(ip: string): string[] {
  if (ip === '0.0.0.0' || ip === '::') return ['may not be unspecified (0.0.0.0)'];
  if (ip.startsWith('127.') || ip === '::1') return ['may not be in the loopback range (127.0.0.0/8, ::1/128)'];
  if (ip.startsWith('169.254.') || /^fe80:/i.test(ip)) return ['may not be in the link-local range (169.254.0.0/16, fe80::/10)'];
  if (/^22[4-9]\.|^23\d\./.test(ip) || /^ff/i.test(ip)) return ['may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'];
  return [];
}
