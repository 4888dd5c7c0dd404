/** What Svix cannot answer beyond the declared capabilities, refused before any upstream call. */
import { unsupported } from '../../errors';
import type { UsageQuery } from '../../usage/model';

/** The one metric Svix reports: message attempts per application. */
export const svixMetric = 'message_destinations';

// AppIdOrUid in specs/svix.yaml (the gateway already caps the length at Svix's 256).
const appIdOrUidPattern = /^[a-zA-Z0-9\-_.]+$/;

/**
 * Throws `unsupported_by_provider` (422) for a query Svix cannot honour: another metric, an event
 * property or metric parameters (Svix aggregates neither), or a customer that cannot be a Svix
 * app id or uid.
 */
export function checkSvixQuery(query: UsageQuery, provider: string): void {
  if (query.metric !== svixMetric) {
    throw unsupported(
      provider,
      '/body/metric',
      `metric ${JSON.stringify(query.metric)} is not supported; Svix reports one metric: ${svixMetric} (message attempts per app)`,
    );
  }
  if (query.property !== undefined) {
    throw unsupported(provider, '/body/property', 'property is not supported; Svix counts message attempts and aggregates no event property');
  }
  if (query.parameters !== undefined) {
    throw unsupported(provider, '/body/parameters', 'parameters are not supported; Svix metrics take none');
  }
  query.customers?.forEach((customer, index) => {
    if (!appIdOrUidPattern.test(customer)) {
      throw unsupported(
        provider,
        `/body/customers/${index}`,
        `customer ${JSON.stringify(customer)} cannot be a Svix app id or uid; they use only letters, digits, "-", "_" and "."`,
      );
    }
  });
}
