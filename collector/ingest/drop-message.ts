import type { DroppedEvents } from './drop-log';

const events = (n: number) => (n === 1 ? '1 event' : `${n} events`);

/**
 * The setup check's sentence for one kind of drop: what happened and the switch that changes it,
 * in the site owner's words rather than a reason code.
 */
export function dropMessage(d: DroppedEvents): string {
  switch (d.reason) {
    case 'hostname':
      return d.host
        ? `${events(d.count)} arrived from ${d.host}, which this site does not allow: add ${d.host} to its hostnames to count them`
        : `${events(d.count)} arrived from a page whose address could not be read, so they were not counted`;
    case 'bot':
      return `${events(d.count)} came from bots or automated browsers${d.host ? ` on ${d.host}` : ''}, which this site does not count (the site's countBots switch counts them)`;
    case 'identify':
      return `${d.count === 1 ? '1 identify call' : `${d.count} identify calls`}${d.host ? ` from ${d.host}` : ''} named a lead without the server's signature, so no lead was linked (the site's unsignedIdentify switch links them)`;
  }
}
