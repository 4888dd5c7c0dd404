/**
 * Progress on stderr while an asynchronous query runs: one line redrawn in place on a terminal,
 * one line per poll otherwise (logs, pipes), so stdout carries only the result.
 */
const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface Progress {
  tick(): void;
  stop(): void;
}

export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (!stream.isTTY) {
    stream.write(`${label}…\n`);
    return {
      tick: () => stream.write(`${label}: still running after ${elapsed()}\n`),
      stop: () => undefined,
    };
  }
  let frame = 0;
  const draw = () => stream.write(`\r${frames[frame++ % frames.length]} ${label}: ${elapsed()}`);
  draw();
  const timer = setInterval(draw, 100);
  return {
    tick: () => undefined,
    stop: () => {
      clearInterval(timer);
      stream.write('\r\x1b[2K');
    },
  };
}
