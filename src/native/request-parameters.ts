/**
 * The parameters of one operation of a caller spec, read once at startup, and the checks on a
 * query string that come before schema validation: reserved characters, unknown names and empty
 * values, answered as express-openapi-validator answers them on the unified API.
 */
import type { Violation } from '../errors';
import { isObject, resolveRef, type SpecOperation } from '../providers/spec-operations';
import type { OpenApiDocument } from '../specs';

/** Where a parameter is read, named as the validation errors name it (`/query/...`, `/path/...`). */
export type ParameterGroup = 'query' | 'headers' | 'params';

export interface Parameter {
  group: ParameterGroup;
  /** As in the spec; lower case for headers, as Node gives them. */
  name: string;
  required: boolean;
  schema: unknown;
  allowEmptyValue: boolean;
  allowReserved: boolean;
}

const groups = new Map<unknown, ParameterGroup>([['query', 'query'], ['header', 'headers'], ['path', 'params']]);
const primitiveTypes = new Set(['string', 'number', 'integer', 'boolean', 'null']);
const reservedCharacters = /[:/?#[\]@!$&'()*+,;=]/;

/**
 * Path-level and operation-level parameters (the operation's win), each checked to be one the
 * validator reads the way the spec means it: a primitive value in the path, query or a header.
 * Anything else (cookies, objects, arrays, `content`) stops startup rather than pass unchecked.
 */
export function operationParameters(spec: OpenApiDocument, operation: SpecOperation): Parameter[] {
  const pathItem: unknown = spec.paths?.[operation.template];
  const declared = [pathItem, operation.operation].flatMap((holder) => (isObject(holder) && Array.isArray(holder.parameters) ? holder.parameters : []));
  const byKey = new Map<string, Parameter>();
  for (const reference of declared) {
    const parameter = resolveRef(spec, reference);
    if (!isObject(parameter) || typeof parameter.name !== 'string') continue;
    const group = groups.get(parameter.in);
    const schema = resolveRef(spec, parameter.schema);
    const types: unknown[] = isObject(schema) ? [schema.type].flat() : [];
    if (!group || types.length === 0 || !types.every((type) => primitiveTypes.has(String(type)))) {
      throw new Error(`${operation.method} ${operation.template}: parameter "${parameter.name}" in ${String(parameter.in)} is not a primitive path, query or header parameter, which the native passthrough cannot validate`);
    }
    const name = group === 'headers' ? parameter.name.toLowerCase() : parameter.name;
    byKey.set(`${group}:${name}`, {
      group,
      name,
      required: parameter.required === true,
      schema: parameter.schema,
      allowEmptyValue: parameter.allowEmptyValue === true,
      allowReserved: parameter.allowReserved === true,
    });
  }
  return [...byKey.values()];
}

/**
 * The query as validated: each `name[...]` key counts under `name` with a structured value, as a
 * bracketed query means an object or array (no parameter here takes one).
 */
export function queryValues(query: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    const bracket = key.indexOf('[');
    if (bracket > 0) values[key.slice(0, bracket)] = { [key.slice(bracket)]: value };
    else values[key] = value;
  }
  return values;
}

/**
 * The check of a query before its values meet their schemas: the first problem, if any, as
 * express-openapi-validator finds it (reserved characters, then unknown names and empty values).
 */
export function compileQueryRules(parameters: readonly Parameter[]): (rawQuery: string, query: Record<string, unknown>) => Violation | undefined {
  const declared = new Map(parameters.filter((parameter) => parameter.group === 'query').map((parameter) => [parameter.name, parameter]));
  const unreserved = [...declared.values()].filter((parameter) => !parameter.allowReserved).map((parameter) => parameter.name);
  return (rawQuery, query) => {
    // The raw pairs as sent: a reserved character the caller did not percent-encode is refused.
    for (const name of rawQuery === '' ? [] : unreserved) {
      const unencoded = rawQuery.split('&').some((pair) => {
        const [key, value] = pair.split('=');
        return key === name && value !== undefined && reservedCharacters.test(value);
      });
      if (unencoded) return { path: `/query/${name}`, message: `Parameter '${name}' must be url encoded. Its value may not contain reserved characters.` };
    }
    for (const [name, value] of Object.entries(query)) {
      const parameter = declared.get(name);
      if (!parameter) return { path: `/query/${name}`, message: `Unknown query parameter '${name}'` };
      if (value === '' && !parameter.allowEmptyValue) return { path: `/query/${name}`, message: `Empty value found for query parameter '${name}'` };
    }
    return undefined;
  };
}
