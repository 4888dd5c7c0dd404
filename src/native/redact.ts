/**
 * The gateway's provider credentials must never reach a native caller, even when a provider
 * echoes a request header back in an error body. Redaction works on bytes, so a body passes
 * unchanged unless it holds a secret, raw or JSON-escaped.
 */

const replacement = Buffer.from('[redacted]');

function replaceAll(body: Buffer, needle: Buffer): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(needle, from); at !== -1; at = body.indexOf(needle, from)) {
    parts.push(body.subarray(from, at), replacement);
    from = at + needle.length;
  }
  if (parts.length === 0) return body;
  parts.push(body.subarray(from));
  return Buffer.concat(parts);
}

/** Byte sequences to cut out for the given secrets: each as it is and as it appears inside a JSON string. */
export function secretNeedles(secrets: readonly string[]): Buffer[] {
  const forms = secrets.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]);
  return [...new Set(forms)].filter((form) => form !== '').map((form) => Buffer.from(form));
}

/** `body` with every occurrence of a needle replaced by `[redacted]`. */
export function redactBytes(body: Buffer, needles: readonly Buffer[]): Buffer {
  return needles.reduce((current, needle) => replaceAll(current, needle), body);
}
