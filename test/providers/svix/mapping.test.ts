import { fromSvixAcceptedResponse, fromSvixStatsResponse, toSvixStatsRequest } from '../../../src/providers/svix/mapping';
import accepted from '../../fixtures/svix/stats-accepted.json';
import acceptedAllResolved from '../../fixtures/svix/stats-accepted-all-resolved.json';
import acceptedLegacy from '../../fixtures/svix/stats-accepted-legacy.json';
import finished from '../../fixtures/svix/task-finished.json';
import finishedEmpty from '../../fixtures/svix/task-finished-empty.json';
import finishedSnake from '../../fixtures/svix/task-finished-snake.json';
import { rejection, svixQuery, viewError } from './support';

const unresolvedWarning = {
  code: 'unresolved_app_ids',
  message: 'Svix found no app for this id or uid: billing-legacy; the report covers the other apps',
};

describe('toSvixStatsRequest', () => {
  it('sends the period as since/until and the customers as appIds', () => {
    expect(toSvixStatsRequest(svixQuery({ customers: ['checkout-prod', 'app_otk9RPKdf9UhMlv4KYuFPAVoBOZ'] }))).toStrictEqual({
      since: '2025-03-01T00:00:00Z',
      until: '2025-04-01T00:00:00Z',
      appIds: ['checkout-prod', 'app_otk9RPKdf9UhMlv4KYuFPAVoBOZ'],
    });
  });

  it('leaves appIds out when no customer is asked (every app), keeping the instants as written', () => {
    expect(toSvixStatsRequest(svixQuery({ from: '2025-03-01T02:00:00.5+02:00', to: '2025-03-02T00:00:00Z' }))).toStrictEqual({
      since: '2025-03-01T02:00:00.5+02:00',
      until: '2025-03-02T00:00:00Z',
    });
  });
});

describe('fromSvixAcceptedResponse', () => {
  it('reads the task id and turns unresolved app ids into one warning', () => {
    expect(fromSvixAcceptedResponse(accepted, 'svix-eu')).toStrictEqual({
      taskId: 'qtask_JUW5b7Nf7NjxR9jpfuJxAxs1HUw',
      warnings: [unresolvedWarning],
    });
  });

  it('names every unresolved id', () => {
    const body = { ...accepted, unresolvedAppIds: ['billing-legacy', 'app_Y9b55PnYHlWhCMqnqW1oKgab7S8'] };
    expect(fromSvixAcceptedResponse(body, 'svix-eu').warnings).toStrictEqual([
      {
        code: 'unresolved_app_ids',
        message: 'Svix found no app for these ids or uids: billing-legacy, app_Y9b55PnYHlWhCMqnqW1oKgab7S8; the report covers the other apps',
      },
    ]);
  });

  it('gives no warning when every id resolved, or for answers from before unresolvedAppIds existed', () => {
    const expected = { taskId: 'qtask_mXNhctKC7AjvNiaDLe5DK7ovEVz', warnings: [] };
    expect(fromSvixAcceptedResponse(acceptedAllResolved, 'svix-eu')).toStrictEqual(expected);
    expect(fromSvixAcceptedResponse(acceptedLegacy, 'svix-eu')).toStrictEqual(expected);
  });

  it.each([
    ['no body', undefined, 'svix-eu: the accepted stats task has no id'],
    ['no id', { ...accepted, id: undefined }, 'svix-eu: the accepted stats task has no id'],
    ['a numeric id', { ...accepted, id: 42 }, 'svix-eu: the accepted stats task has no id'],
    ['unresolved ids that are not strings', { ...accepted, unresolvedAppIds: [1] }, 'svix-eu: unresolvedAppIds of the accepted stats task is not a list of strings'],
    ['unresolved ids that are not a list', { ...accepted, unresolvedAppIds: 'x' }, 'svix-eu: unresolvedAppIds of the accepted stats task is not a list of strings'],
  ])('calls %s a contract violation', async (_case, body, detail) => {
    const error = await rejection(Promise.resolve().then(() => fromSvixAcceptedResponse(body, 'svix-eu')));
    expect(viewError(error)).toStrictEqual({
      code: 'upstream_contract_violation',
      status: 502,
      detail,
      errors: [],
      provider: 'svix-eu',
      upstreamStatus: undefined,
      retryable: false,
      headers: {},
    });
  });
});

describe('fromSvixStatsResponse', () => {
  const context = { provider: 'svix-eu', warnings: [unresolvedWarning] };

  it('sums message attempts and keys each app by the uid the caller asked, else by its id', () => {
    const query = svixQuery({ customers: ['app_otk9RPKdf9UhMlv4KYuFPAVoBOZ', 'checkout-prod', 'app_Y9b55PnYHlWhCMqnqW1oKgab7S8', 'billing-legacy'] });
    expect(fromSvixStatsResponse(finished, query, context)).toStrictEqual({
      provider: 'svix-eu',
      providerType: 'svix',
      metric: 'message_destinations',
      aggregation: 'count',
      unit: null,
      from: '2025-03-01T00:00:00Z',
      to: '2025-04-01T00:00:00Z',
      value: 1252,
      eventCount: null,
      windows: null,
      groups: [
        { key: 'app_otk9RPKdf9UhMlv4KYuFPAVoBOZ', value: 2 },
        { key: 'checkout-prod', value: 1250 },
        { key: 'app_Y9b55PnYHlWhCMqnqW1oKgab7S8', value: 0 },
      ],
      status: 'complete',
      warnings: [unresolvedWarning],
    });
  });

  it('keys by app id when the caller asked by id although the app has a uid, or asked for no app', () => {
    const byId = fromSvixStatsResponse(finished, svixQuery({ customers: ['app_GPUieJRSw3cAKW91uM3JxnlDCOz'] }), context);
    const all = fromSvixStatsResponse(finished, svixQuery(), { provider: 'svix-eu', warnings: [] });
    const keys = [
      { key: 'app_otk9RPKdf9UhMlv4KYuFPAVoBOZ', value: 2 },
      { key: 'app_GPUieJRSw3cAKW91uM3JxnlDCOz', value: 1250 },
      { key: 'app_Y9b55PnYHlWhCMqnqW1oKgab7S8', value: 0 },
    ];
    expect(byId.groups).toStrictEqual(keys);
    expect(all.groups).toStrictEqual(keys);
    expect(all.warnings).toStrictEqual([]);
  });

  it('reads the app_stats spelling', () => {
    const report = fromSvixStatsResponse(finishedSnake, svixQuery({ customers: ['checkout-prod'] }), { provider: 'svix', warnings: [] });
    expect({ provider: report.provider, value: report.value, groups: report.groups }).toStrictEqual({
      provider: 'svix',
      value: 10,
      groups: [
        { key: 'checkout-prod', value: 7 },
        { key: 'app_otk9RPKdf9UhMlv4KYuFPAVoBOZ', value: 3 },
      ],
    });
  });

  it('prefers appStats when a body carries both spellings', () => {
    const both = { ...finished, data: { ...finished.data, app_stats: finishedSnake.data.app_stats } };
    expect(fromSvixStatsResponse(both, svixQuery(), context).value).toStrictEqual(1252);
  });

  it('reports zero for a finished task with no apps', () => {
    const report = fromSvixStatsResponse(finishedEmpty, svixQuery(), context);
    expect({ value: report.value, groups: report.groups, eventCount: report.eventCount }).toStrictEqual({ value: 0, groups: [], eventCount: null });
  });

  it('carries the untouched task body as raw only when asked', () => {
    expect(fromSvixStatsResponse(finished, svixQuery({ include: ['raw'] }), context).raw).toBe(finished);
    expect('raw' in fromSvixStatsResponse(finished, svixQuery(), context)).toStrictEqual(false);
  });
});
