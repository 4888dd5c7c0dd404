/**
 * `structuredClone` for event properties, with a fast path. On Node 20 a structuredClone call costs
 * microseconds even for a two-key object, which made cloning (once into the store, once for the
 * caller) the main cost of seeding a million events. Event properties are nearly always plain
 * JSON-shaped trees, which a walk copies with the same result; anything else (a Date, a Map, a
 * shared or cyclic reference, an accessor, a hole in an array, a function that must throw
 * DataCloneError) goes to structuredClone itself.
 */

/** Deeper trees go to structuredClone, so the walk's recursion stays shallow. */
const MAX_DEPTH = 32;

const NOT_PLAIN = Symbol('not plain');

function isPrimitive(value: unknown): boolean {
  const type = typeof value;
  return value === null || (type !== 'object' && type !== 'function' && type !== 'symbol');
}

/**
 * The value of one own property, or NOT_PLAIN unless it is an enumerable data property holding
 * plain data. Descriptors are read one by one: `getOwnPropertyDescriptors` costs as much as
 * structuredClone.
 */
function copyItem(owner: object, key: string | number, depth: number, seen: Set<object>): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(owner, key);
  if (!descriptor?.enumerable || !('value' in descriptor)) return NOT_PLAIN;
  const item: unknown = descriptor.value;
  if (isPrimitive(item)) return item;
  return typeof item === 'object' && item !== null ? copyPlain(item, depth + 1, seen) : NOT_PLAIN;
}

/**
 * A copy of a plain object or dense array, or NOT_PLAIN. Like structuredClone it copies the own
 * enumerable string-keyed properties (`Object.keys`), in their order.
 */
function copyPlain(value: object, depth: number, seen: Set<object>): unknown {
  if (depth > MAX_DEPTH || seen.has(value)) return NOT_PLAIN;
  seen.add(value);
  const keys = Object.keys(value);
  if (Array.isArray(value)) {
    // Dense, and no property besides the indices.
    if (Object.getPrototypeOf(value) !== Array.prototype || keys.length !== value.length) return NOT_PLAIN;
    const copy: unknown[] = [];
    for (let index = 0; index < value.length; index += 1) {
      const item = copyItem(value, index, depth, seen);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      copy.push(item);
    }
    return copy;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return NOT_PLAIN;
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    // `__proto__` as an own key would set the copy's prototype instead of defining a property.
    if (key === '__proto__') return NOT_PLAIN;
    const item = copyItem(value, key, depth, seen);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    copy[key] = item;
  }
  return copy;
}

/** What `structuredClone(value)` returns (or throws), usually without calling it. */
export function cloneProperties<T>(value: T): T {
  if (isPrimitive(value)) return value;
  if (typeof value === 'object' && value !== null) {
    const copy = copyPlain(value, 0, new Set());
    if (copy !== NOT_PLAIN) return copy as T;
  }
  return structuredClone(value);
}
