import { readSvixAppStats, readSvixTaskStatus } from '../../../src/providers/svix/task';
import failed from '../../fixtures/svix/task-failed.json';
import finished from '../../fixtures/svix/task-finished.json';
import malformed from '../../fixtures/svix/task-finished-malformed.json';
import running from '../../fixtures/svix/task-running.json';
import withoutStats from '../../fixtures/svix/task-finished-without-stats.json';
import { rejection } from './support';

const violation = (read: () => unknown) => rejection(Promise.resolve().then(read));

describe('readSvixTaskStatus', () => {
  it('reads the three statuses', () => {
    expect([running, finished, failed].map((body) => readSvixTaskStatus(body, 'svix'))).toStrictEqual(['running', 'finished', 'failed']);
  });

  it.each([
    ['an unknown status', { ...running, status: 'queued' }],
    ['no status', { ...running, status: undefined }],
    ['no body', null],
  ])('calls %s a contract violation', async (_case, body) => {
    const error = await violation(() => readSvixTaskStatus(body, 'svix'));
    expect([error.code, error.detail]).toStrictEqual([
      'upstream_contract_violation',
      'svix: the background task has no status among running, finished and failed',
    ]);
  });
});

describe('readSvixAppStats', () => {
  it('reads each app, a missing appUid as null', () => {
    expect(readSvixAppStats(finished, 'svix')).toStrictEqual([
      { appId: 'app_otk9RPKdf9UhMlv4KYuFPAVoBOZ', appUid: null, messageDestinations: 2 },
      { appId: 'app_GPUieJRSw3cAKW91uM3JxnlDCOz', appUid: 'checkout-prod', messageDestinations: 1250 },
      { appId: 'app_Y9b55PnYHlWhCMqnqW1oKgab7S8', appUid: null, messageDestinations: 0 },
    ]);
  });

  const item = { appId: 'app_otk9RPKdf9UhMlv4KYuFPAVoBOZ', appUid: null, messageDestinations: 2 };
  it.each([
    ['data without either spelling', withoutStats, 'svix: the finished background task data has neither appStats nor app_stats'],
    ['no data object', { ...finished, data: null }, 'svix: the finished background task has no data object'],
    ['appStats that is not a list', { ...finished, data: { appStats: { count: 2 } } }, 'svix: the finished background task data has neither appStats nor app_stats'],
    ['a count sent as a string', malformed, 'svix: data.appStats[1].messageDestinations is not a non-negative integer'],
    ['a negative count', { data: { app_stats: [{ ...item, messageDestinations: -1 }] } }, 'svix: data.app_stats[0].messageDestinations is not a non-negative integer'],
    ['a fractional count', { data: { appStats: [{ ...item, messageDestinations: 1.5 }] } }, 'svix: data.appStats[0].messageDestinations is not a non-negative integer'],
    ['an item that is not an object', { data: { appStats: [item, 'app'] } }, 'svix: data.appStats[1] is not an object'],
    ['an item without appId', { data: { appStats: [{ ...item, appId: undefined }] } }, 'svix: data.appStats[0].appId is not a non-empty string'],
    ['an appUid that is a number', { data: { appStats: [{ ...item, appUid: 7 }] } }, 'svix: data.appStats[0].appUid is neither a string nor null'],
  ])('calls %s a contract violation', async (_case, body, detail) => {
    const error = await violation(() => readSvixAppStats(body, 'svix'));
    expect([error.code, error.status, error.detail, error.retryable]).toStrictEqual(['upstream_contract_violation', 502, detail, false]);
  });
});
