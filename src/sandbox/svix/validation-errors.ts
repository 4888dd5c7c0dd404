/**
 * Turns validator findings into Svix's 422 items. svix-server reports serde decode failures (a
 * missing field, a wrong type, an unparsable date) as `value_error.jsondecode` and rule violations
 * (patterns, lengths, uniqueness) as `value_error`, with `loc` like `["body", "appIds", "[1]"]`.
 */
import type { z } from 'zod';
import type { ValidationErrorItem } from './errors';

/** One finding of express-openapi-validator: `path` like `/body/appIds/1` or `/params/task_id`. */
export interface OpenApiViolation {
  path: string;
  message: string;
  errorCode?: string;
}

const DECODE_RULES = new Set(['required', 'type', 'format', 'enum', 'const', 'additionalProperties']);
const LOCATIONS: Record<string, string> = { body: 'body', params: 'path', query: 'query', headers: 'header' };

function segmentOf(part: string | number): string {
  return typeof part === 'number' || /^\d+$/.test(part) ? `[${part}]` : part;
}

/** Svix's item for a body that is not JSON (or not sent as JSON). */
export function jsonDecodeItem(msg: string): ValidationErrorItem {
  return { loc: ['body'], msg, type: 'value_error.jsondecode' };
}

export function fromOpenApiViolations(violations: readonly OpenApiViolation[]): ValidationErrorItem[] {
  return violations.map((violation) => {
    const [where = 'body', ...rest] = violation.path.split('/').filter((part) => part !== '');
    // The validator checks date-time fields with its own `x-eov-type` keyword: a `type` check.
    const rule = (violation.errorCode?.split('.')[0] ?? '').replace(/^x-eov-/, '');
    const loc = [LOCATIONS[where] ?? where, ...rest.map(segmentOf)];
    // ajv puts a missing property's name in the message; name it in `loc` and `msg` as serde does.
    const missing = rule === 'required' ? /property '([^']+)'/.exec(violation.message)?.[1] : undefined;
    if (missing !== undefined && loc.at(-1) !== missing) loc.push(missing);
    return {
      loc,
      msg: missing !== undefined ? `missing field \`${missing}\`` : violation.message,
      type: DECODE_RULES.has(rule) ? 'value_error.jsondecode' : 'value_error',
    };
  });
}

export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): ValidationErrorItem[] {
  return issues.flatMap((issue) => {
    const loc = ['body', ...issue.path.map((part) => segmentOf(typeof part === 'symbol' ? String(part) : part))];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ loc: [...loc, key], msg: 'unknown field', type: 'value_error.jsondecode' }));
    }
    const decode = issue.code === 'invalid_type' || issue.code === 'invalid_union';
    return [{ loc, msg: issue.message, type: decode ? 'value_error.jsondecode' : 'value_error' }];
  });
}
