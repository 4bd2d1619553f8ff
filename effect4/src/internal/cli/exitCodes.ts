/**
 * The bin's exit codes, from `sysexits.h` where one fits: what a cron job or a CI step can act on.
 *
 * @internal
 */

/**
 * Each exit code with what it means, as `docs/cli.md` lists them.
 *
 * @internal
 */
export const exitCodeMeanings: ReadonlyArray<readonly [code: number, meaning: string]> = [
  [0, "done; for `guard`, enough is left"],
  [1, "`guard`: less than the minimum is left; any other command: OpenRouter refused the request (400, 402, 404, 409)"],
  [64, "bad usage: an unknown command or flag, a bad value, a missing `OPENROUTER_API_KEY`"],
  [69, "OpenRouter unavailable after retries: 5xx, 429, a connection error, a timeout, an answer of the wrong shape"],
  [77, "the key was refused (401, 403), or may not read what bounds it"]
]

/**
 * The exit code of a command that failed with `error`.
 *
 * @internal
 */
export const exitCodeOf = (error: unknown): number => {
  const tag = typeof error === "object" && error !== null && "_tag" in error ? String(error._tag) : ""
  switch (tag) {
    case "UnauthorizedResponseError":
    case "ForbiddenResponseError":
    case "NoSpendingLimitError":
      return 77
    case "RequestValidationError":
      return 64
    case "BadRequestResponseError":
    case "PaymentRequiredResponseError":
    case "NotFoundResponseError":
    case "ConflictResponseError":
    case "GoneResponseError":
    case "InsufficientCreditsError":
      return 1
    case "TooManyRequestsResponseError":
    case "InternalServerResponseError":
    case "BadGatewayResponseError":
    case "EdgeNetworkTimeoutResponseError":
    case "ProviderOverloadedResponseError":
    case "OpenRouterDefaultError":
    case "ConnectionError":
    case "RequestTimeoutError":
    case "ResponseValidationError":
    case "UnsupportedRuntimeError":
      return 69
    default:
      // A `Config` failure (`OPENROUTER_API_KEY` unset) and the CLI's own parse errors are bad usage.
      return 64
  }
}
