// Calls to the unified API from the browser: the gateway key (asked for on a 401, kept in
// sessionStorage only), problem+json turned into a ProblemError, and polling of asynchronous tasks.

const keyName = 'usage-gateway.key';

/** A problem+json answer (RFC 9457) from the gateway. */
export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `The gateway answered ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }
}

export const storedKey = () => sessionStorage.getItem(keyName) ?? undefined;

/**
 * @param {{ askForKey: (message: string) => Promise<string | undefined> }} options `askForKey`
 *   shows the key prompt with the gateway's sentence and resolves with what the person typed
 *   (undefined when dismissed: the 401 then stands as the answer).
 */
export function createApi({ askForKey }) {
  async function send(method, path, body) {
    const headers = { accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const key = storedKey();
    if (key) headers.authorization = `Bearer ${key}`;
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      throw new ProblemError(0, { title: 'The gateway cannot be reached', detail: `The request did not get an answer (${error.message}).` });
    }
    const text = await response.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed };
  }

  /** One call; on a 401 the key prompt is shown and the call repeated with the new key. */
  async function call(method, path, body) {
    for (;;) {
      const { status, body: answer } = await send(method, path, body);
      if (status === 401) {
        const key = await askForKey(answer?.detail ?? 'This gateway requires an API key.');
        if (!key) throw new ProblemError(status, answer);
        sessionStorage.setItem(keyName, key);
        continue;
      }
      if (status >= 400) throw new ProblemError(status, answer);
      return { status, body: answer };
    }
  }

  return {
    listProviders: async () => (await call('GET', '/v1/providers')).body.providers,

    /**
     * Runs a query to its end: a 202 task is polled until it completes, with `onProgress` told
     * the task and the seconds elapsed. `isCurrent` lets a newer query abandon this one.
     */
    async query(query, { onProgress, isCurrent }) {
      const started = Date.now();
      let answer = await call('POST', '/v1/usage/query', query);
      let delayMs = 250;
      while (answer.status === 202) {
        const task = answer.body;
        onProgress(task, (Date.now() - started) / 1000);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (!isCurrent()) return undefined;
        delayMs = Math.min(delayMs * 2, 2000);
        answer = await call('GET', `/v1/usage/tasks/${encodeURIComponent(task.taskId)}`);
      }
      return answer.body;
    },
  };
}
