/** The gateway app around given providers, with response validation on. */
import type { Logger } from 'pino';
import { createApp } from '../../src/app';
import { createUsageService, type UsageServiceOptions } from '../../src/usage/service';
import type { UsageProvider } from '../../src/usage/usage-provider';

export const testLimits = { maxPeriodDays: 400, maxWindows: 1000, maxCustomers: 50 };

export function testApp(
  providers: UsageProvider[],
  options: Partial<UsageServiceOptions> & { maxBodyBytes?: number; apiKeys?: string[]; logger?: Logger } = {},
) {
  const service = createUsageService({ providers, limits: testLimits, ...options });
  return createApp({
    service,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    validateResponses: true,
    apiKeys: options.apiKeys,
    logger: options.logger,
  });
}
