/**
 * One attempt's permission to send, on an `HttpClient` the SDK did not make.
 *
 * The app's middleware wraps the send: a retry, a redirect loop or a hand-written `transform` can send the SDK's
 * request again after it reached the server, and the API has no idempotency key. Every client built on
 * `HttpClient.make` (fetch, undici, node:http, an in-memory client) asks the per-request predicate
 * `HttpClient.currentTracerDisabledWhen` about each request just before its transport sends it, in the sending
 * fiber (`HttpClient.TracerDisabledWhen` in Effect 4). The SDK answers that question itself for the length of an
 * attempt, and refuses there, before anything
 * leaves: the first request of the SDK's goes, any further one (a repeat, or a redirect of it) is thrown back as a
 * {@link SendRefused} defect, which retry middleware does not retry and the attempt turns into a typed error.
 *
 * A client that sends without `HttpClient.make` never asks: a probe request ({@link PROBE_URL}) finds that out,
 * once per client, before a request that may act is sent on it.
 *
 * @internal
 */
// GENERATED from core/internal/sendGate.ts by scripts/sync-core.ts: do not edit here, edit core/internal/sendGate.ts and run npm run sync:core
import { safeUrl } from "./redact.js"

/**
 * What the gate reads of a request, in the shape both Effect majors give an `HttpClientRequest`.
 *
 * @internal
 */
export interface GatedRequest {
  readonly url: string
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: { readonly _tag: string }
}

/**
 * Why the gate stopped a request: `Repeated`, the same request again; `Redirected`, the request sent on to
 * another URL.
 *
 * @internal
 */
export class SendRefused extends Error {
  constructor(readonly reason: "Repeated" | "Redirected", readonly detail: string) {
    super(detail)
  }
}

const originOf = (url: string): string => {
  try {
    return new URL(url).origin
  } catch {
    return "another origin"
  }
}

/**
 * The predicate an attempt installs: lets the SDK's request through once and refuses whatever follows it, and
 * otherwise answers as `tracingOff` (the predicate in force outside the attempt) would.
 *
 * A request is the SDK's when it goes to OpenRouter's origin or carries the SDK's credential, `User-Agent` or
 * body: a redirect keeps at least one of them (Effect 4's drops the credential on its way to another origin).
 * Anything else the app's middleware sends meanwhile is the app's own traffic and passes.
 *
 * @internal
 */
export const sendGate = <R extends GatedRequest>(
  request: R,
  origin: string,
  tracingOff: (request: R) => boolean
): (request: R) => boolean => {
  const { authorization, "user-agent": agent } = request.headers
  const body = request.body._tag === "Empty" ? undefined : request.body
  let sent = false
  return (next) => {
    // The SDK's own request (a repeat of it is the same object): no URL to parse.
    if (next === request) {
      if (sent) {
        throw new SendRefused(
          "Repeated",
          "the provided HttpClient tried to send the request a second time in one attempt (middleware that retries or calls execute again); the SDK refused before it left"
        )
      }
      sent = true
      return tracingOff(next)
    }
    const nextOrigin = originOf(next.url)
    const ours = nextOrigin === origin || next.headers.authorization === authorization ||
      next.headers["user-agent"] === agent || next.body === body
    if (!ours) return tracingOff(next)
    throw new SendRefused(
      "Redirected",
      `the provided HttpClient tried to send the request on to ${
        nextOrigin === origin ? safeUrl(next.url) : nextOrigin
      } (a redirect it follows); the SDK refused before it left`
    )
  }
}

class ProbeReached extends Error {}

/**
 * What the probe predicate throws when the probe request reaches it.
 *
 * @internal
 */
export const PROBE_REACHED: Error = new ProbeReached("the send gate was reached")

/**
 * Where the probe request goes: nowhere. The predicate stops it before it leaves; a client that never asks the
 * predicate finds no such host (`.invalid` never resolves, RFC 6761), and no credential goes with it.
 *
 * @internal
 */
export const PROBE_URL = "http://send-gate-probe.openrouter-effect.invalid/"

/**
 * The predicate of a probe: stops the probe request where a send would start.
 *
 * @internal
 */
export const probeGate = (url: string) => (request: GatedRequest): boolean => {
  if (request.url === url) throw PROBE_REACHED
  return true
}
