// Element building for the console: text goes in as text nodes only, never as HTML.

/** Attribute values: a string sets it, true sets it empty, false/undefined leaves it out. */
export type Attrs = Record<string, string | number | boolean | undefined>;

/** A child: a node, a string (becomes a text node), or nothing. */
export type Child = Node | string | null | undefined | false;

/** Creates an element with attributes and children; event-handler attributes are refused. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (/^on/iu.test(name)) throw new Error(`refusing attribute ${name}`);
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

/** Adds a listener and returns the element (for building in one expression). */
export function on<E extends HTMLElement, K extends keyof HTMLElementEventMap>(node: E, type: K, listener: (ev: HTMLElementEventMap[K]) => void): E {
  node.addEventListener(type, listener);
  return node;
}

/** A <select> with options [value, label] and one selected. */
export function select(attrs: Attrs, options: readonly (readonly [string, string])[], selected: string): HTMLSelectElement {
  const s = h('select', attrs, ...options.map(([value, label]) => h('option', { value, selected: value === selected }, label)));
  s.value = selected;
  return s;
}
