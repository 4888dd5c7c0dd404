/** How failures that never reach a handler are answered, including a response that broke the spec. */
import type { Response } from 'express';
import { answerError } from '../../../src/sandbox/flexprice/error-middleware';
import { FlexpriceSimulatorError } from '../../../src/sandbox/flexprice/errors';

function recorder() {
  const sent: { status?: number; body?: unknown } = {};
  const res = {
    status(code: number) {
      sent.status = code;
      return res;
    },
    json(body: unknown) {
      sent.body = body;
      return res;
    },
  };
  return { res: res as unknown as Response, sent };
}

describe('answerError', () => {
  it('answers a response that broke the spec with a loud 500 naming the violation, and reports it', () => {
    const { res, sent } = recorder();
    const reported: unknown[] = [];
    const violation = Object.assign(new Error('/response/value must be number'), { status: 500, errors: [{ path: '/response/value', message: 'must be number' }] });
    answerError(res, violation, 'Please check the request payload', (error) => reported.push(error));
    expect(sent).toStrictEqual({
      status: 500,
      body: { code: 'internal_error', message: 'The simulator answered outside the Flexprice spec', http_status_code: 500, details: { response: '/response/value must be number' } },
    });
    expect(reported).toStrictEqual([violation]);
  });

  it('masks an unexpected error and reports it in full', () => {
    const { res, sent } = recorder();
    const reported: unknown[] = [];
    const failure = new Error('secret internals');
    answerError(res, failure, 'Invalid request payload', (error) => reported.push(error));
    expect(sent).toStrictEqual({ status: 500, body: { code: 'internal_error', message: 'An internal error occurred', http_status_code: 500 } });
    expect(reported).toStrictEqual([failure]);
  });

  it('passes simulator errors through and reports no 4xx', () => {
    const { res, sent } = recorder();
    const reported: unknown[] = [];
    answerError(res, new FlexpriceSimulatorError(401, { error: 'Unauthorized' }), 'x', (error) => reported.push(error));
    expect([sent, reported]).toStrictEqual([{ status: 401, body: { error: 'Unauthorized' } }, []]);
  });
});
