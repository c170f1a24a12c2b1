/**
 * The start message's LAN addresses under deploy/rintis.service: its RestrictAddressFamilies= refuses the
 * AF_NETLINK socket that os.networkInterfaces() needs, and Node throws `uv_interface_addresses returned Unknown
 * system error 97`. The server must start all the same, with no LAN addresses to print.
 */
import type { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lanAddresses } from '../../src/server/server';

describe('lanAddresses', () => {
  it('lists the external IPv4 addresses', () => {
    const read = (() => ({
      lo: [
        {
          address: '127.0.0.1',
          netmask: '255.0.0.0',
          family: 'IPv4',
          mac: '00:00:00:00:00:00',
          internal: true,
          cidr: '127.0.0.1/8',
        },
      ],
      eth0: [
        {
          address: '10.1.2.3',
          netmask: '255.255.255.0',
          family: 'IPv4',
          mac: '02:42:0a:01:02:03',
          internal: false,
          cidr: '10.1.2.3/24',
        },
        {
          address: 'fe80::1',
          netmask: 'ffff:ffff:ffff:ffff::',
          family: 'IPv6',
          mac: '02:42:0a:01:02:03',
          internal: false,
          cidr: 'fe80::1/64',
          scopeid: 2,
        },
      ],
    })) satisfies typeof networkInterfaces;
    expect(lanAddresses(read)).toEqual(['10.1.2.3']);
  });

  it('gives none, instead of throwing, when the interfaces cannot be read (no AF_NETLINK socket)', () => {
    const refused: typeof networkInterfaces = () => {
      throw Object.assign(
        new Error('A system error occurred: uv_interface_addresses returned Unknown system error 97'),
        { code: 'ERR_SYSTEM_ERROR', errno: 97, syscall: 'uv_interface_addresses' },
      );
    };
    expect(lanAddresses(refused)).toEqual([]);
  });
});
