import { type ClickHouseClient, ClickHouseLogLevel, createClient } from '@clickhouse/client';
import type { ClickHouseTarget } from './clickhouse-target';

export interface ClientOptions {
  /** How long one request may take before it is abandoned (a shipment is then checked, not resent blindly). */
  requestTimeoutMs?: number;
  /**
   * The server is a shard of a cluster: a subquery over a Distributed table runs once and is sent to
   * every shard (GLOBAL IN / JOIN) rather than refused, so single-server SQL runs unchanged.
   */
  cluster?: boolean;
}

/**
 * A client for the store. 64-bit integers come back as strings on every version (18.16 always
 * quotes them; newer ones only with this setting), so old and new servers answer alike. No
 * compression: the collector and ClickHouse usually share a machine or a LAN, where gzip costs more
 * CPU than it saves. The client's own logger stays quiet: callers log each distinct failure once.
 */
export function createClickHouseClient(
  t: ClickHouseTarget,
  { requestTimeoutMs = 60_000, cluster = false }: ClientOptions = {},
): ClickHouseClient {
  return createClient({
    url: t.url,
    ...(t.username ? { username: t.username } : {}),
    ...(t.password ? { password: t.password } : {}),
    request_timeout: requestTimeoutMs,
    compression: { request: false, response: false },
    clickhouse_settings: {
      output_format_json_quote_64bit_integers: 1,
      ...(cluster ? { distributed_product_mode: 'global' as const } : {}),
    },
    log: { level: ClickHouseLogLevel.OFF },
  });
}
