// The usage explorer: loads the providers, offers a query form shaped by their capabilities,
// runs queries (polling asynchronous ones) and draws the answer. With the sandbox's demo data it
// opens on a demo chart.
import { createApi } from './api.js';
import { createForm } from './form.js';
import { clearResults, resizeChart, showError, showProgress, showReport } from './render.js';

const $ = (id) => document.getElementById(id);
// The page's state on <body> (loading, ready, running, done, error) and how many queries have
// finished, for people's stylesheets and for the page's tests.
let finished = 0;
const setState = (state) => {
  document.body.dataset.state = state;
  if (state === 'done' || state === 'error') document.body.dataset.finished = String(++finished);
};

/**
 * Shows the key prompt with the gateway's sentence; resolves with the key typed, or undefined
 * when the person dismisses it (Escape).
 */
function askForKey(message) {
  const dialog = $('key-dialog');
  $('key-message').textContent = message;
  $('key').value = '';
  dialog.showModal();
  return new Promise((resolve) => {
    const submitted = () => resolve($('key').value.trim());
    $('key-form').addEventListener('submit', submitted, { once: true });
    dialog.addEventListener('close', () => {
      $('key-form').removeEventListener('submit', submitted);
      resolve(undefined);
    }, { once: true });
  });
}

const api = createApi({ askForKey });
let generation = 0;

async function run(form) {
  const mine = ++generation;
  const isCurrent = () => mine === generation;
  const query = form.read();
  // The URL names the query, so a chart can be bookmarked, shared and reloaded.
  history.replaceState(null, '', `#${new URLSearchParams(form.values())}`);
  clearResults();
  setState('running');
  $('run').disabled = true;
  showProgress(`Asking ${query.provider}…`);
  try {
    const report = await api.query(query, {
      isCurrent,
      onProgress: (task, seconds) => {
        if (isCurrent()) showProgress(`${task.provider} is computing (task ${task.taskId}, ${seconds.toFixed(1)} s)…`);
      },
    });
    if (!isCurrent() || !report) return;
    showProgress(undefined);
    showReport(report);
    setState('done');
  } catch (error) {
    if (!isCurrent()) return;
    showProgress(undefined);
    showError(error);
    setState('error');
  } finally {
    if (isCurrent()) $('run').disabled = false;
  }
}

async function start() {
  try {
    const [providers, presets] = await Promise.all([
      api.listProviders(),
      fetch('/explorer/presets.json').then((response) => response.json()),
    ]);
    if (providers.length === 0) {
      showError({ problem: { title: 'No providers', detail: 'This gateway has no providers configured: add some to its configuration file.' } });
      setState('error');
      return;
    }
    const form = createForm(providers, presets);
    $('query-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void run(form);
    });
    window.addEventListener('resize', resizeChart);
    const linked = Object.fromEntries(new URLSearchParams(location.hash.slice(1)));
    const demo = presets.demo;
    const demoProvider = demo && providers.find((provider) => provider.type === demo.initial.providerType && provider.mode === 'sandbox');
    if (providers.some((provider) => provider.id === linked.provider)) {
      form.set(linked, { exact: true });
      await run(form);
    } else if (demoProvider) {
      form.set({ provider: demoProvider.id, ...demo.initial, window: demo.initial.windowSize });
      await run(form);
    } else {
      setState('ready');
    }
  } catch (error) {
    showError(error);
    setState('error');
  }
}

void start();
