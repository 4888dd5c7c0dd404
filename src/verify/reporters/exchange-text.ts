/** An exchange as the lines a person reads: the request (credentials already redacted) and the answer, bodies cut short. */
import type { Exchange } from '../model';

const maxBodyChars = 1_500;

const cut = (text: string): string => (text.length > maxBodyChars ? `${text.slice(0, maxBodyChars)}… (${text.length - maxBodyChars} more characters)` : text);

export function exchangeLines(exchange: Exchange): string[] {
  const { request, response } = exchange;
  const lines = [`${request.method} ${request.url}`];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`  ${name}: ${value}`);
  if (request.body !== undefined) lines.push(`  ${cut(JSON.stringify(request.body))}`);
  if (!response) lines.push(`-> no answer: ${exchange.error ?? 'unknown error'}`);
  else {
    lines.push(`-> ${response.status} ${response.contentType ?? '(no content type)'} in ${response.durationMs} ms`);
    if (response.body !== '') lines.push(`  ${cut(response.body)}`);
  }
  return lines;
}
