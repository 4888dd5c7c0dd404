/**
 * Reads a calculate answer: Sequence's 200 body is checked for the fields the report is built
 * from, so a body outside the spec becomes a clear 502 rather than a wrong figure.
 */
import { z } from 'zod';
import { GatewayError } from '../../errors';
import type { SequenceAnswer, SequenceCalculation } from './mapping';

// Only the fields the gateway reads are checked: a body that still carries them is usable.
const calculationSchema: z.ZodType<SequenceCalculation> = z.looseObject({
  aggregationType: z.enum(['COUNT', 'UNIQUE', 'SUM', 'CUSTOM']),
  eventCount: z.number().int(),
  value: z.number(),
  unit: z.string().nullish(),
});

/** An answer Sequence should not have given. */
export function sequenceContractViolation(provider: string, problem: string, cause?: unknown): GatewayError {
  return new GatewayError('upstream_contract_violation', {
    detail: `${provider} answered 200 outside its specification: ${problem}`,
    provider,
    upstreamStatus: 200,
    retryable: false,
    cause,
  });
}

/** The figures of one calculate answer, with the body kept untouched for `raw`. */
export function readSequenceCalculation(provider: string, body: unknown): SequenceAnswer {
  const result = calculationSchema.safeParse(body);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `/${issue.path.join('/')}: ${issue.message}`);
    throw sequenceContractViolation(provider, problems.join('; '));
  }
  return { calculation: result.data, body };
}
