/**
 * What Go's `encoding/json` accepts as `properties` (a `map[string]interface{}`): JSON values whose
 * numbers fit a float64, nested at most 10,000 levels deep counting from the top of the body.
 */

/** Go's `maxNestingDepth` in encoding/json. */
export const goMaxNestingDepth = 10_000;

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The first reason `value` is not a JSON value Go would decode, or `undefined` when it is.
 * `baseDepth` is how deep `value` itself sits in the request body (1 for the body).
 */
export function goJsonProblem(value: unknown, baseDepth: number): string | undefined {
  // Iterative: a 10,000-deep value would overflow a recursive walk.
  const pending: Array<readonly [unknown, number]> = [[value, baseDepth]];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const [current, depth] = item;
    if (current === null || typeof current === 'string' || typeof current === 'boolean') continue;
    if (typeof current === 'number') {
      if (!Number.isFinite(current)) return 'holds a number outside the float64 range';
      continue;
    }
    if (typeof current !== 'object') return `holds a ${typeof current}, which is not JSON`;
    if (depth > goMaxNestingDepth) return `is nested deeper than ${goMaxNestingDepth} levels`;
    if (Array.isArray(current)) {
      for (const element of current) pending.push([element, depth + 1]);
    } else if (isPlainObject(current)) {
      for (const key of Object.keys(current)) pending.push([(current as Record<string, unknown>)[key], depth + 1]);
    } else {
      return 'holds an object that is not plain JSON';
    }
  }
  return undefined;
}
