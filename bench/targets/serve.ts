/**
 * The child side of a benchmark target: tells the parent its URL once listening, and answers
 * memory and CPU-time questions, so the parent can watch resident memory over a run and tell
 * how much processor time each request cost.
 */
export type TargetMessage = { kind: 'ready'; url: string } | { kind: 'memory'; rss: number } | { kind: 'cpu'; micros: number };

export function serveTarget(url: string): void {
  // A question asked just before the parent hung up goes unanswered.
  const send = (message: TargetMessage) => {
    if (process.connected) process.send?.(message);
  };
  process.on('message', (message) => {
    if (message === 'memory') send({ kind: 'memory', rss: process.memoryUsage().rss });
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ kind: 'cpu', micros: user + system });
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ kind: 'ready', url });
}
