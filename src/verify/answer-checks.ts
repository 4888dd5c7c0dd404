/**
 * The checks every provider answer goes through, as Schemathesis runs them: no server error, a
 * documented status, the documented content type, a body valid against the response schema
 * (the contract guard's compiled validators), an answer within the time budget; then what the
 * case itself expects (accepted, refused in the documented error shape, or credentials refused).
 */
import type { ContractGuard } from '../providers/contract-guard';
import type { ProviderSpecName } from '../providers/native-registry';
import type { CheckName, Exchange, RequestCase } from './model';
import type { Recorder } from './recorder';

export interface AnswerCheckContext {
  guard: ContractGuard;
  spec: ProviderSpecName;
  /** Answers slower than this fail `response_time`. */
  maxResponseTimeMs: number;
  recorder: Recorder;
}

/** The guard's violation paths, by the check they belong to. */
function checkOfViolation(path: string): CheckName {
  if (path === '/status') return 'status_code_conformance';
  if (path.startsWith('/headers/content-type')) return 'content_type_conformance';
  return 'response_schema_conformance';
}

function expectation(request: RequestCase, status: number): { check: CheckName; message: string | undefined } {
  switch (request.kind) {
    case 'positive':
      return { check: 'positive_data_acceptance', message: status >= 200 && status < 300 ? undefined : `a request valid by the spec was answered ${status}, not 2xx` };
    case 'negative':
      return { check: 'negative_data_rejection', message: status >= 400 && status < 500 ? undefined : `an invalid request (${request.description ?? 'outside the spec'}) was answered ${status}, not 4xx` };
    case 'credentials':
      return { check: 'credentials_enforced', message: status === 401 || status === 403 ? undefined : `a request ${request.description ?? 'with altered credentials'} was answered ${status}, not 401 or 403` };
    default: {
      const unknown: never = request.kind;
      throw new Error(`unknown case kind ${String(unknown)}`);
    }
  }
}

/** Runs every check on one exchange and records the outcome; true when all passed. */
export function checkAnswer(context: AnswerCheckContext, request: RequestCase, exchange: Exchange): boolean {
  const { recorder } = context;
  const { response } = exchange;
  if (!response) {
    recorder.fail({ check: 'not_a_server_error', message: `no answer: ${exchange.error ?? 'unknown error'}`, exchanges: [exchange] });
    return false;
  }
  let passed = true;
  const outcome = (check: CheckName, message: string | undefined): void => {
    if (message === undefined) recorder.pass(check);
    else {
      passed = false;
      recorder.fail({ check, message, exchanges: [exchange] });
    }
  };
  outcome('not_a_server_error', response.status >= 500 ? `the provider answered ${response.status}` : undefined);
  const violations = context.guard.check(context.spec, {
    method: request.method,
    path: request.path.split('?')[0] ?? request.path,
    status: response.status,
    contentType: response.contentType,
    body: response.body,
  });
  for (const check of ['status_code_conformance', 'content_type_conformance', 'response_schema_conformance'] as const) {
    const found = violations.filter((violation) => checkOfViolation(violation.path) === check);
    outcome(check, found.length === 0 ? undefined : found.map((violation) => `${violation.path}: ${violation.message}`).join('; '));
  }
  outcome('response_time', response.durationMs > context.maxResponseTimeMs ? `answered in ${response.durationMs} ms, over the ${context.maxResponseTimeMs} ms budget` : undefined);
  const expected = expectation(request, response.status);
  outcome(expected.check, expected.message);
  return passed;
}
