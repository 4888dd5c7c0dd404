/**
 * Opens the contract-warning scope of one gateway request (src/providers/contract-warnings.ts) and
 * writes what it gathered as the `Warning` header just before the response headers go out. This
 * is how a warning raised inside an adapter's fetch, on a unified path, reaches the caller.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { runInContractWarningScope, type ContractWarningScope } from '../providers/contract-warnings';

/** Middleware for every request: one warning scope each, written out as `Warning` when it holds any. */
export function contractWarningScope(): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const scope: ContractWarningScope = { warnings: [] };
    const writeHead = res.writeHead;
    // Node calls writeHead for every response, implicitly from the first write or end; headers
    // are still open here, whatever wrote the body.
    res.writeHead = function (this: Response, ...args: unknown[]) {
      if (scope.warnings.length > 0) {
        const existing = res.getHeader('Warning');
        res.setHeader('Warning', [existing, ...scope.warnings].filter((value) => typeof value === 'string' && value !== '').join(', '));
      }
      return (writeHead as (...parameters: unknown[]) => Response).apply(this, args);
    } as Response['writeHead'];
    runInContractWarningScope(scope, () => next());
  };
}
