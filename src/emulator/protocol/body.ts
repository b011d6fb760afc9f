// Reads a request body up to a limit: a declared Content-Length over it is refused before a
// byte is read, and a chunked or lying body is refused as soon as it crosses it, so memory
// never holds more than the limit per request.
import type { IncomingMessage } from "node:http";

export type BodyRead = { body: Buffer } | { tooLarge: number };

export function readLimitedBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ tooLarge: declared });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        chunks.length = 0;
        resolve({ tooLarge: size });
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve({ body: Buffer.concat(chunks) }));
    req.on("error", reject);
  });
}
