// Turns SDK errors into one-line messages that are safe to print: AWS error messages
// never carry secrets, but a misbehaving endpoint could echo a key back, so key ids
// and anything that looks like a secret are masked before the text leaves this module.

const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g;
const SECRET_LIKE = /\b[A-Za-z0-9/+=]{40,}\b/g;

export function redact(text: string): string {
  return text.replace(ACCESS_KEY_ID, "<redacted>").replace(SECRET_LIKE, "<redacted>");
}

/** "Code: message" for an AWS service error, the message otherwise. */
export function describeAwsError(err: unknown): string {
  if (err instanceof Error) {
    const code = err.name && err.name !== "Error" ? err.name : undefined;
    const message = err.message && err.message !== code ? err.message : "";
    return redact(code ? (message ? `${code}: ${message}` : code) : message);
  }
  return redact(String(err));
}
