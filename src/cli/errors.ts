/** An error meant for the user: printed as its message alone, exit code 1, no stack trace. */
export class UserError extends Error {
  constructor(message: string, public readonly exitCode = 1) {
    super(message);
  }
}
