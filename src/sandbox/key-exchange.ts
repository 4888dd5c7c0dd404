/**
 * With gateway keys configured the simulators accept only credentials made at startup, which no
 * one outside the process knows: the fixed public sandbox credentials open nothing. A caller
 * holding a gateway key reaches a simulator directly by presenting that key where the provider
 * expects its own credential (`x-api-key` for Flexprice, Basic user name for Sequence, Bearer for
 * Svix); this router checks the key and puts the simulator's credential in its place, as the
 * native passthrough does for providers. Anything else goes on untouched, and the simulator
 * answers it as the provider would an unknown credential.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import express, { type Router } from 'express';

/** The credentials the three simulators accept. */
export interface SandboxCredentials {
  apiKey: string;
  clientId: string;
  clientSecret: string;
  token: string;
}

/** Credentials no one outside this process can know (used whenever gateway keys are configured). */
export function privateSandboxCredentials(): SandboxCredentials {
  const secret = () => randomBytes(24).toString('base64url');
  return { apiKey: secret(), clientId: secret(), clientSecret: secret(), token: secret() };
}

/** Base paths of the simulators, keyed like their credential shapes. */
export interface SandboxBasePaths {
  flexprice: string;
  sequence: string;
  svix: string;
}

const under = (path: string, base: string): boolean => path === base || path.startsWith(`${base}/`);

/** A router for the application root that swaps a valid gateway key for the simulator's credential. */
export function createSandboxKeyExchange(options: {
  isGatewayKey: (headers: IncomingHttpHeaders) => boolean;
  credentials: SandboxCredentials;
  paths: SandboxBasePaths;
}): Router {
  const { credentials, paths } = options;
  const basic = `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')}`;
  const router = express.Router();
  router.use((req, _res, next) => {
    const headers = req.headers;
    const target = under(req.path, paths.flexprice) ? 'flexprice'
      : under(req.path, paths.sequence) ? 'sequence'
      : under(req.path, paths.svix) ? 'svix'
      : undefined;
    if (target === undefined || !options.isGatewayKey(headers)) {
      next();
      return;
    }
    delete headers['x-api-key'];
    delete headers.authorization;
    if (target === 'flexprice') headers['x-api-key'] = credentials.apiKey;
    else headers.authorization = target === 'sequence' ? basic : `Bearer ${credentials.token}`;
    next();
  });
  return router;
}
