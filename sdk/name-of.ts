/**
 * A stable label for a form or button: its id, its name attribute, or tag and position
 * (`form2`). Attributes are read with getAttribute because `form.id` and `form.name` are shadowed
 * by fields named "id" or "name".
 */
export const nameOf = (el: Element): string =>
  el.getAttribute('id') ||
  el.getAttribute('name') ||
  el.localName + [...document.getElementsByTagName(el.localName)].indexOf(el);
