// The dereferenced form of a bundled document: every local `$ref` replaced by what it points to
// (a `$ref`'s sibling keywords, such as a property's own `description`, kept over the target's),
// and the components, all inlined now, left out. Bundles here have no circular reference; one
// would be an error.
function lookUp(document, ref) {
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((node, key) => {
      if (node === undefined || node === null || !(key in node)) throw new Error(`dangling $ref ${ref}`);
      return node[key];
    }, document);
}

export function dereference(document) {
  const resolved = new Map();
  function walk(node, stack) {
    if (Array.isArray(node)) return node.map((item) => walk(item, stack));
    if (node === null || typeof node !== 'object') return node;
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
      const { $ref: ref, ...siblings } = node;
      if (stack.includes(ref)) throw new Error(`circular $ref: ${[...stack, ref].join(' -> ')}`);
      if (!resolved.has(ref)) resolved.set(ref, walk(lookUp(document, ref), [...stack, ref]));
      const target = resolved.get(ref);
      return Object.keys(siblings).length === 0 ? target : { ...target, ...walk(siblings, stack) };
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value, stack)]));
  }
  const { components: _components, ...rest } = document;
  return walk(rest, []);
}
