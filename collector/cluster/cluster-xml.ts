/** One ClickHouse server of a cluster, as the other servers reach it over its native port. */
export interface ShardAddress {
  host: string;
  tcpPort: number;
}

const XML_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The `remote_servers` entry of a cluster of single-replica shards (no replicas, so no ZooKeeper).
 * Every server of the cluster gets the same block.
 */
export function clusterXml(name: string, shards: ShardAddress[]): string {
  if (!XML_NAME.test(name)) throw new Error(`cluster name must match ${XML_NAME}, got "${name}"`);
  if (shards.length === 0) throw new Error('a cluster needs at least one shard');
  const body = shards
    .map((s) => {
      if (!/^[A-Za-z0-9.:-]+$/.test(s.host)) throw new Error(`shard host "${s.host}" is not a host name`);
      return `<shard><replica><host>${s.host}</host><port>${s.tcpPort}</port></replica></shard>`;
    })
    .join('');
  return `<${name}>${body}</${name}>`;
}
