/**
 * Turns schema violations (from express-openapi-validator over HTTP, or Ajv for seeding) into
 * Sequence's error items, so both ingest paths report a bad field the same way.
 */
import { violation } from './api-error';
import type { ErrorItem } from './types';

/** Where in the request a violation sits; the HTTP validator prefixes its paths with these. */
const locations = new Set(['body', 'query', 'headers', 'path', 'params']);

/** A JSON Pointer (`/propertyFilters/channel/0`) as a dotted key (`propertyFilters.channel.0`). */
export function keyFromPointer(pointer: string): string {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (segments.length > 1 && locations.has(segments[0] ?? '')) segments.shift();
  return segments.join('.') || 'body';
}

/**
 * One error item. A missing property reads "`key` is required" rather than Ajv's "must have
 * required property", since the key already names the property.
 */
export function schemaViolation(key: string, message: string, keyword?: string): ErrorItem {
  if (keyword === 'required') return violation(key, `${key} is required`);
  return violation(key, `${key} ${message}`);
}

/** An express-openapi-validator item: `path` is a pointer into the request, `errorCode` names the keyword. */
export function fromValidatorItem(item: { path: string; message: string; errorCode?: string }): ErrorItem {
  const keyword = item.errorCode?.replace(/\.openapi\.validation$/, '');
  // The validator's own parameter checks carry no keyword; reword them to lead with the key.
  if (keyword === undefined && /^Unknown query parameter/.test(item.message)) {
    const key = keyFromPointer(item.path);
    return violation(key, `${key} is not a query parameter of this operation`);
  }
  return schemaViolation(keyFromPointer(item.path), item.message, keyword);
}
