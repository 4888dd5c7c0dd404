// Drives `@flexprice/sdk`'s bulk ingest (ESM only, hence a script jest spawns) through the gateway:
// node flexprice-sdk-bulk.mjs <gatewayUrl> <gatewayKey> <customer> <count>
// Sends <count> events for <customer> in one events.ingestEventsBulk call; prints the SDK's answer.
import process from 'node:process';
import { Flexprice } from '@flexprice/sdk';

const [gatewayUrl, gatewayKey, externalCustomerId, count] = process.argv.slice(2);
const flexprice = new Flexprice({ serverURL: `${gatewayUrl}/v1/native/flexprice`, apiKeyAuth: gatewayKey });
const events = Array.from({ length: Number(count) }, (_, index) => ({
  eventId: `${externalCustomerId}-${index}`,
  eventName: 'bulk_request',
  externalCustomerId,
  timestamp: new Date(Date.UTC(2026, 8, 1) + index * 60_000).toISOString(),
  properties: { path: `/v1/orders/${index}`, region: 'eu-west-1', bytes: String(1000 + index) },
}));
const answer = await flexprice.events.ingestEventsBulk({ events });
process.stdout.write(JSON.stringify(answer));
