// How plan and plan merge hand a plan to the user: the file for apply (--out) and stdout
// in the chosen format. JSON goes out piece by piece: a 5,000-account plan is tens of MB,
// and holding it as one string (twice: file and stdout) was most of the plan's peak memory.
import { createWriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { once } from "node:events";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { planJsonChunks } from "../engine/plan-file.js";
import type { Plan } from "../engine/types.js";
import { renderMarkdown } from "../render/markdown.js";
import { redactPlan } from "../render/redact.js";
import { renderText } from "../render/text.js";

export interface PlanOutput {
  out?: string;
  format?: "text" | "markdown" | "json";
  /** false for --no-color; colours also need a terminal and no NO_COLOR. */
  color?: boolean;
}

export async function emitPlan(plan: Plan, opts: PlanOutput): Promise<void> {
  // Owner-only, even over an existing file: a plan names the organization's accounts, roles and policies.
  if (opts.out) {
    const file = await open(opts.out, "w", 0o600);
    await file.chmod(0o600);
    await pipeline(Readable.from(planJsonChunks(plan)), createWriteStream("", { fd: file }));
  }
  switch (opts.format) {
    case "json":
      for (const chunk of planJsonChunks(redactPlan(plan))) if (!process.stdout.write(chunk)) await once(process.stdout, "drain");
      return;
    case "markdown":
      process.stdout.write(renderMarkdown(plan));
      return;
    default:
      process.stdout.write(renderText(plan, { color: opts.color !== false && process.stdout.isTTY === true && !process.env.NO_COLOR }));
  }
}
