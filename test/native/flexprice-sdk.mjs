// Drives the official `@flexprice/sdk` 2.0.1 (ESM only, hence a script jest spawns) against the
// gateway: node flexprice-sdk.mjs <gatewayUrl> <gatewayKey> <start> <end> <customer>
// Prints a scalar SUM and a weekly COUNT as JSON on stdout, as the SDK returned them.
import process from 'node:process';
import { Flexprice } from '@flexprice/sdk';

const [gatewayUrl, gatewayKey, startTime, endTime, externalCustomerId] = process.argv.slice(2);
const flexprice = new Flexprice({ serverURL: `${gatewayUrl}/v1/native/flexprice`, apiKeyAuth: gatewayKey });

const sum = await flexprice.events.getUsageStatistics({
  eventName: 'api_request', aggregationType: 'SUM', propertyName: 'bytes', externalCustomerId, startTime, endTime,
});
const weekly = await flexprice.events.getUsageStatistics({
  eventName: 'api_request', aggregationType: 'COUNT', externalCustomerId, startTime, endTime, windowSize: 'WEEK',
});
process.stdout.write(JSON.stringify({ sum, weekly }));
