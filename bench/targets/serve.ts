/**
 * The child side of a benchmark target: tells the parent its URL once listening, and answers
 * memory questions, so the parent can watch resident memory over a run.
 */
export type TargetMessage = { kind: 'ready'; url: string } | { kind: 'memory'; rss: number };

export function serveTarget(url: string): void {
  const send = (message: TargetMessage) => process.send?.(message);
  process.on('message', (message) => {
    if (message === 'memory') send({ kind: 'memory', rss: process.memoryUsage().rss });
  });
  process.on('disconnect', () => process.exit(0));
  send({ kind: 'ready', url });
}
