// Drives the official `svix` SDK (ESM only, hence a script jest spawns) against the gateway:
// node svix-sdk.mjs <gatewayUrl> <gatewayKey> <since> <until> <appId,...>
// Prints the started task and the finished task as JSON on stdout.
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { BackgroundTaskStatus, Svix } from 'svix';

const [gatewayUrl, gatewayKey, since, until, appIds] = process.argv.slice(2);
const svix = new Svix(gatewayKey, { serverUrl: `${gatewayUrl}/v1/native/svix` });

const started = await svix.statistics.aggregateAppStats({ since: new Date(since), until: new Date(until), appIds: appIds.split(',') });
let task = await svix.backgroundTask.get(started.id);
for (let attempt = 0; task.status === BackgroundTaskStatus.Running && attempt < 100; attempt += 1) {
  await sleep(50);
  task = await svix.backgroundTask.get(started.id);
}
process.stdout.write(JSON.stringify({ started, task }));
