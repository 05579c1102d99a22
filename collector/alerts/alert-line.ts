/** One line of a rendered alert: `label: value`, or a link when `href` is set. */
export type AlertLine = { label?: string; value: string; href?: string };
