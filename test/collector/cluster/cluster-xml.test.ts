import { describe, expect, it } from 'vitest';
import { clusterXml } from '../../../collector/cluster/cluster-xml';

describe('clusterXml', () => {
  it('lists one single-replica shard per server, in order', () => {
    expect(
      clusterXml('touchpoint', [
        { host: '127.0.0.1', tcpPort: 9000 },
        { host: 'ch-2.internal', tcpPort: 9001 },
      ]),
    ).toBe(
      '<touchpoint><shard><replica><host>127.0.0.1</host><port>9000</port></replica></shard>' +
        '<shard><replica><host>ch-2.internal</host><port>9001</port></replica></shard></touchpoint>',
    );
  });

  it('refuses names and hosts that would break the XML', () => {
    expect(() => clusterXml('a<b', [{ host: 'x', tcpPort: 1 }])).toThrow(/cluster name/);
    expect(() => clusterXml('c', [{ host: 'x</host>', tcpPort: 1 }])).toThrow(/not a host name/);
    expect(() => clusterXml('c', [])).toThrow(/at least one shard/);
  });
});
