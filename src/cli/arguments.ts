/** Option values as the commands read them: positive numbers and plain UTC dates. */
import { InvalidArgumentError } from 'commander';

/**
 * An option parser for a number above zero (`integer`: a whole one). A refused value is reported
 * as `a positive WHAT is expected.`, WHAT being `what` (default: the kind).
 */
export function positive(kind: 'integer' | 'number', what: string = kind) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!(parsed > 0) || (kind === 'integer' && !Number.isInteger(parsed))) throw new InvalidArgumentError(`a positive ${what} is expected.`);
    return parsed;
  };
}

/** A plain date (`YYYY-MM-DD`) as its UTC midnight in RFC 3339; undefined for anything else. */
export const utcMidnight = (value: string): string | undefined => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : undefined);
