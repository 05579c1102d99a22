/**
 * A stable label for a form, field or button: its name attribute, its id, or tag and position
 * (`form2`). Attributes are read with getAttribute because `form.id` and `form.name` are shadowed
 * by fields named "id" or "name".
 */
export const nameOf = (el: Element): string =>
  el.getAttribute('name') ||
  el.getAttribute('id') ||
  el.localName + [...document.querySelectorAll(el.localName)].indexOf(el);
