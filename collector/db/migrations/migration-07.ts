/**
 * 7 (issue 13, data anyone could harm):
 * - per-site switches, both off: an unsigned identify links no lead; web events carry no value;
 * - web and server-side ids apart: offline and imported touchpoints are stored as `o:<id>` and web
 * ids may no longer hold `:`. A web row already stored in that space (an id sent as `o:crm-0002`)
 * moves to `w:o:crm-0002`, so the offline `crm-0002` it blocked can be stored; replays of it are
 * refused anyway now. OR IGNORE, then a rowid form, so no stored id can make this step fail.
 * (site_id, uid) ranges walk the unique index instead of the whole table;
 * - money only from the server side: a web row's value is dropped (the figure stays in its
 * props.value, which it was copied from), and any value beyond ±1e12 (a 1e308 that summed to
 * Infinity) moves into props.value_out_of_bounds, so sums stay finite and nothing is lost.
 */
export const migration07 = `
  ALTER TABLE sites ADD COLUMN unsigned_identify INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sites ADD COLUMN web_values INTEGER NOT NULL DEFAULT 0;
  UPDATE OR IGNORE events SET uid = 'w:' || uid
    WHERE site_id IN (SELECT id FROM sites) AND uid >= 'o:' AND uid < 'o;' AND origin = 'web';
  UPDATE OR IGNORE events SET uid = 'w' || id || ':' || uid
    WHERE site_id IN (SELECT id FROM sites) AND uid >= 'o:' AND uid < 'o;' AND origin = 'web';
  UPDATE events SET props = CASE
      WHEN props IS NULL THEN json_object('value_out_of_bounds', value)
      WHEN json_valid(props) THEN json_set(props, '$.value_out_of_bounds', value)
      ELSE props END,
    value = NULL
    WHERE abs(value) > 1e12;
  UPDATE events SET value = NULL WHERE origin = 'web' AND value IS NOT NULL;
  `;
