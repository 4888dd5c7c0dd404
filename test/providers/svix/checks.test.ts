import { checkSvixQuery } from '../../../src/providers/svix/checks';
import { rejection, svixQuery, viewError } from './support';

const refuse = (query: ReturnType<typeof svixQuery>) => rejection(Promise.resolve().then(() => checkSvixQuery(query, 'svix-eu')));

describe('checkSvixQuery', () => {
  it('accepts message_destinations with app ids and uids', () => {
    expect(checkSvixQuery(svixQuery({ customers: ['app_otk9RPKdf9UhMlv4KYuFPAVoBOZ', 'checkout-prod', 'team.a_1'] }), 'svix-eu')).toBeUndefined();
    expect(checkSvixQuery(svixQuery({ aggregation: 'count', include: ['raw'] }), 'svix-eu')).toBeUndefined();
  });

  it('refuses another metric, naming the one Svix reports', async () => {
    expect(viewError(await refuse(svixQuery({ metric: 'api_calls' })))).toStrictEqual({
      code: 'unsupported_by_provider',
      status: 422,
      detail: 'svix-eu: metric "api_calls" is not supported; Svix reports one metric: message_destinations (message attempts per app)',
      errors: [{ path: '/body/metric', message: 'metric "api_calls" is not supported; Svix reports one metric: message_destinations (message attempts per app)' }],
      provider: 'svix-eu',
      upstreamStatus: undefined,
      retryable: undefined,
      headers: {},
    });
  });

  it('refuses an event property', async () => {
    const error = await refuse(svixQuery({ aggregation: 'count', property: 'bytes' }));
    expect(error.errors).toStrictEqual([
      { path: '/body/property', message: 'property is not supported; Svix counts message attempts and aggregates no event property' },
    ]);
    expect(error.status).toStrictEqual(422);
  });

  it('refuses metric parameters', async () => {
    const error = await refuse(svixQuery({ parameters: { tier: 'gold' } }));
    expect(error.errors).toStrictEqual([{ path: '/body/parameters', message: 'parameters are not supported; Svix metrics take none' }]);
  });

  it('refuses a customer that cannot be an app id or uid, naming its index', async () => {
    const error = await refuse(svixQuery({ customers: ['checkout-prod', 'acme corp/eu'] }));
    expect(error.errors).toStrictEqual([
      {
        path: '/body/customers/1',
        message: 'customer "acme corp/eu" cannot be a Svix app id or uid; they use only letters, digits, "-", "_" and "."',
      },
    ]);
  });
});
