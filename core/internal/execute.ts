import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { identity } from "effect/Function"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Scope from "effect/Scope"
import * as Tracer from "effect/Tracer"
import * as Errors from "../Errors.js"
import { OpenRouterConfig, type Service as Config } from "../OpenRouterConfig.js"
import * as Retry from "../Retry.js"
import { ownClientOf, withAttempt } from "./deadline.js"
import {
  catchAll,
  catchDefectIf,
  type DecodeError,
  defectOf,
  fromResult,
  type Result,
  Service,
  serviceOf,
  SPAN_WITHOUT_STACK,
  updateContext
} from "./effectKit.js"
import {
  askingEachSend,
  failureFacts,
  FetchHttpClient,
  type Headers,
  HttpClient,
  type HttpClientError,
  HttpClientRequest,
  type HttpClientResponse,
  jsonBody,
  statusResponse,
  withoutPropagation
} from "./httpKit.js"
import { recordAttempt, recordRetry } from "./metrics.js"
import { definedOnly } from "./options.js"
import { keep, safeUrl, type Scrub, scrubber } from "./redact.js"
import { type Answer, type Body, decodeSuccess, MAX_ERROR_BYTES, MAX_SUCCESS_BYTES, readBody } from "./response.js"
import { announcing, perCallSchedule, whileInput } from "./retryKit.js"
import { PROBE_REACHED, PROBE_URL, probeGate, sendGate, SendRefused } from "./sendGate.js"
import { USER_AGENT } from "./version.js"

/**
 * What distinguishes one operation from another.
 *
 * @internal
 */
export interface Operation<A, E> {
  readonly name: string
  readonly method: "GET" | "POST" | "PATCH" | "DELETE"
  readonly path: string
  readonly decode: (u: unknown) => Result<A, DecodeError>
  /** The typed error of a non-2xx answer. */
  readonly statusError: (answer: Answer, nowMillis: number) => E
}

const TOKEN = /^[\x21-\x7e]+$/

/**
 * A bearer token that is safe to put in a header: visible ASCII, no spaces or line breaks.
 *
 * @internal
 */
export const checkToken = (
  operation: string,
  field: string,
  token: Redacted.Redacted<string>
): Effect.Effect<void, Errors.RequestValidationError> =>
  TOKEN.test(Redacted.value(token))
    ? Effect.void
    : Effect.fail(
      new Errors.RequestValidationError({
        operation,
        field,
        expected: "a non-empty token of visible ASCII characters, without spaces or line breaks"
      })
    )

const errorCode = (cause: unknown): string | undefined => {
  for (let current = cause, depth = 0; typeof current === "object" && current !== null && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === "string") return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

const describeCause = (cause: unknown): string => {
  const parts: Array<string> = []
  for (let current = cause, depth = 0; current instanceof Error && depth < 5; depth++) {
    parts.push(current.message)
    current = current.cause
  }
  return parts.length === 0 ? String(cause) : parts.join(": ")
}

const connectionError = (
  method: string,
  url: string,
  attempt: number,
  scrub: Scrub,
  error: HttpClientError.HttpClientError
): Errors.ConnectionError => {
  const facts = failureFacts(error)
  const code = errorCode(facts.cause)
  const reason = facts.kind === "Response"
    ? "ResponseBody"
    : facts.kind === "InvalidUrl"
    ? "InvalidUrl"
    : code === "ECONNREFUSED"
    ? "ConnectionRefused"
    : code === "ENOTFOUND" || code === "EAI_AGAIN"
    ? "HostNotFound"
    : code === "UND_ERR_DESTROYED"
    ? "Closed"
    : "Transport"
  return new Errors.ConnectionError({
    method,
    url,
    reason,
    detail: safeUrl(keep(describeCause(facts.cause ?? facts.description), scrub)).slice(0, 1_000),
    attempts: attempt
  })
}

/** An operation's request as a config shapes it, built on the first call and reused by the next. */
interface Prepared {
  /** The URL as errors and spans show it. */
  readonly shownUrl: string
  /** Where the request goes: the only origin the SDK's credentials may reach. */
  readonly origin: string
  /** The request without credentials or body. */
  readonly request: HttpClientRequest.HttpClientRequest
  /** Why the config cannot be used, if it cannot: every call then fails before sending. */
  readonly invalid: Errors.RequestValidationError | undefined
}

const preparedByConfig = new WeakMap<Config, Map<Operation<unknown, unknown>, Prepared>>()

const prepare = (config: Config, operation: Operation<unknown, unknown>): Prepared => {
  let byOperation = preparedByConfig.get(config)
  if (byOperation === undefined) {
    byOperation = new Map()
    preparedByConfig.set(config, byOperation)
  }
  let prepared = byOperation.get(operation)
  if (prepared === undefined) {
    // An unset header is `undefined`, which the platform leaves out; an unusable config sends nothing, so none
    // of its values become headers.
    const headers: Headers.Input = {
      accept: "application/json",
      "accept-encoding": "identity",
      "user-agent": USER_AGENT,
      ...(config.invalid === undefined && {
        "http-referer": config.appUrl,
        "x-openrouter-title": config.appTitle,
        "x-openrouter-categories": config.appCategories
      })
    }
    const url = config.invalid === undefined ? config.baseUrl + operation.path : "http://invalid.invalid/"
    prepared = {
      shownUrl: safeUrl(url),
      origin: new URL(url).origin,
      request: HttpClientRequest.make(operation.method)(url, { headers }),
      invalid: config.invalid === undefined ? undefined : new Errors.RequestValidationError({
        operation: operation.name,
        field: config.invalid.field,
        expected: config.invalid.expected
      })
    }
    byOperation.set(operation, prepared)
  }
  return prepared
}

/** The request an attempt sends, in the attempt's context. */
class SdkRequest extends Service<SdkRequest, HttpClientRequest.HttpClientRequest>()(
  "openrouter-effect/internal/execute/SdkRequest"
) {}

/** The provided client, able to abort each request when its attempt's scope closes. */
interface Transport {
  readonly scoped: HttpClient.HttpClient.With<HttpClientError.HttpClientError, Scope.Scope | SdkRequest>
  /**
   * Whether it is one of the SDK's own transports: no middleware, and aborting through the signal is known to
   * stop the request.
   */
  readonly own: boolean
  /**
   * On a client the SDK did not make: whether its sends pass the send gate (`sendGate.ts`), as {@link probe}
   * found; `undefined` until a probe has run.
   */
  gated: boolean | undefined
}

const transports = new WeakMap<HttpClient.HttpClient, Transport>()

const transportOf = (client: HttpClient.HttpClient): Transport => {
  let transport = transports.get(client)
  if (transport === undefined) {
    const forSdk = ownClientOf(client)
    // On a client the SDK did not make, the SDK's request is what is sent, whatever request middleware the
    // client has: the app's headers and credentials never reach OpenRouter, and the SDK's are never replaced.
    // The request comes from the attempt's context, so this client is built once, not per call.
    transport = {
      scoped: HttpClient.withScope(
        forSdk !== undefined
          ? forSdk as unknown as HttpClient.HttpClient.With<HttpClientError.HttpClientError, SdkRequest>
          : HttpClient.mapRequestEffect(client, () => serviceOf(SdkRequest))
      ),
      own: forSdk !== undefined,
      gated: forSdk !== undefined ? true : undefined
    }
    transports.set(client, transport)
  }
  return transport
}

/**
 * Whether `transport`'s sends pass the send gate: a probe request goes through the client and must reach the
 * predicate, which stops it before it leaves. Runs once per client.
 */
const probe = (transport: Transport): Effect.Effect<boolean> => {
  if (transport.gated !== undefined) return Effect.succeed(transport.gated)
  const request = HttpClientRequest.get(PROBE_URL)
  return askingEachSend(transport.scoped.execute(request), () => probeGate(PROBE_URL)).pipe(
    Effect.scoped,
    Effect.provideService(SdkRequest, request),
    Effect.exit,
    Effect.map((exit) => {
      transport.gated = defectOf(exit) === PROBE_REACHED
      return transport.gated
    })
  )
}

const ungated = (operation: string) =>
  new Errors.RequestValidationError({
    operation,
    field: "HttpClient",
    expected:
      "a client built on HttpClient.make: the SDK cannot see every request the provided one sends, so its middleware could send this request twice, and the API has no idempotency key. Run OpenRouter calls on a transport of their own: OpenRouterConfig.layerClient with HttpLayer.layer or NodeLayer.layer"
  })

const refusedSend = (method: string, url: string, attempt: number) => (defect: unknown) =>
  defect instanceof SendRefused
    ? Effect.fail(
      new Errors.ConnectionError({ method, url, reason: defect.reason, detail: defect.detail, attempts: attempt })
    )
    : undefined

/**
 * The `fetch` options of the SDK's requests: the app's (an agent, a proxy), without its headers and never
 * following a redirect.
 *
 * @internal
 */
export const sdkRequestInit = (context: Context.Context<never>): globalThis.RequestInit => {
  const app = Context.getOption(context, FetchHttpClient.RequestInit)
  if (Option.isNone(app)) return MANUAL_REDIRECT
  const { headers: _, ...init } = app.value
  return { ...init, redirect: "manual" }
}

const MANUAL_REDIRECT: globalThis.RequestInit = { redirect: "manual" }

/**
 * The response of an attempt, also when the provided client turned a status into a failure
 * (`HttpClient.filterStatusOk`): the status still chooses the typed error.
 */
const responseOf = (
  error: HttpClientError.HttpClientError
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError> => {
  const response = statusResponse(error)
  return response === undefined ? Effect.fail(error) : Effect.succeed(response)
}

/**
 * Whether `response` answers the SDK's own request, or one that middleware of the provided client sent in its
 * place elsewhere (a redirect it followed): the credentials went with it, and the SDK must say so.
 */
const cameFromElsewhere = (
  response: HttpClientResponse.HttpClientResponse,
  request: HttpClientRequest.HttpClientRequest,
  origin: string
): boolean => {
  if (response.request === request) return false
  const url = response.request.url
  return !(url === origin || url.startsWith(`${origin}/`))
}

const originOf = (url: string): string => {
  try {
    return new URL(url).origin
  } catch {
    return "another origin"
  }
}

const redirectedError = (
  method: string,
  url: string,
  attempt: number,
  response: HttpClientResponse.HttpClientResponse
) =>
  new Errors.ConnectionError({
    method,
    url,
    reason: "Redirected",
    detail: `the provided HttpClient followed a redirect to ${
      originOf(response.request.url)
    } and sent the request there`,
    attempts: attempt
  })

const boundOf = (response: HttpClientResponse.HttpClientResponse): number =>
  response.status >= 200 && response.status < 300 ? MAX_SUCCESS_BYTES : MAX_ERROR_BYTES

const scrubbers = new WeakMap<Redacted.Redacted<string>, Scrub>()

const scrubberOf = (token: Redacted.Redacted<string>): Scrub => {
  let scrub = scrubbers.get(token)
  if (scrub === undefined) {
    scrub = scrubber(Redacted.value(token))
    scrubbers.set(token, scrub)
  }
  return scrub
}

const finished = (answer: Answer): boolean => !answer.truncated && answer.unreadEncoding === undefined

const statusOf = (error: Errors.OpenRouterError): number | undefined => "status" in error ? error.status : undefined

const announceRetry = (
  name: string,
  attempt: number,
  error: Errors.OpenRouterError,
  delay: Duration.Duration
) =>
  Effect.gen(function*() {
    yield* recordRetry(name)
    const status = statusOf(error)
    const attributes = {
      "openrouter.attempt": attempt,
      "openrouter.error": error._tag,
      "openrouter.retry_delay_ms": Duration.toMillis(delay),
      ...(status === undefined ? {} : { "http.response.status_code": status })
    }
    yield* Effect.logDebug(
      `OpenRouter.${name}: attempt ${attempt} failed (${error._tag}${
        status === undefined ? "" : ` ${status}`
      }); retrying in ${Duration.format(delay)}`
    ).pipe(Effect.annotateLogs(attributes))
    const span = yield* Effect.option(Effect.currentSpan)
    if (span._tag === "Some") {
      const now = yield* Clock.currentTimeNanos
      span.value.event("openrouter.retry", now, attributes)
    }
  })

/**
 * Where one call of an operation goes, beyond the operation's path: a path segment (`/{hash}`, already encoded)
 * and query parameters (unset ones left out).
 *
 * @internal
 */
export interface Target {
  readonly path?: string | undefined
  readonly query?: Readonly<Record<string, string | undefined>> | undefined
}

const targeted = (
  request: HttpClientRequest.HttpClientRequest,
  target: Target | undefined
): HttpClientRequest.HttpClientRequest => {
  if (target === undefined) return request
  const withPath = target.path === undefined ? request : HttpClientRequest.appendUrl(request, target.path)
  return target.query === undefined ? withPath : HttpClientRequest.setUrlParams(withPath, definedOnly(target.query))
}

/**
 * What a call of an operation whose statuses fail with `E` can fail with.
 *
 * @internal
 */
export type CallError<E> =
  | E
  | Errors.ResponseValidationError
  | Errors.RequestValidationError
  | Errors.ConnectionError
  | Errors.RequestTimeoutError

/**
 * Sends one operation: builds the request from the config, runs attempts bounded by the configured
 * timeout under the retry schedule in force, and turns the answer into the decoded value or a typed
 * error, inside a span.
 *
 * @internal
 */
export const execute = <A, E extends Errors.OpenRouterError>(
  operation: Operation<A, E>,
  token: Redacted.Redacted<string>,
  body?: unknown,
  target?: Target
): Effect.Effect<
  A,
  CallError<E>,
  OpenRouterConfig | HttpClient.HttpClient
> =>
  Effect.flatMap(
    OpenRouterConfig,
    (config) =>
      Effect.flatMap(perCallSchedule, (perCall): Effect.Effect<
        A,
        CallError<E>,
        HttpClient.HttpClient
      > => {
        const { method } = operation
        const prepared = prepare(config, operation)
        if (prepared.invalid !== undefined) return Effect.fail(prepared.invalid)
        const shownUrl = target?.path === undefined ? prepared.shownUrl : prepared.shownUrl + target.path
        const scrub = scrubberOf(token)
        const authorised = HttpClientRequest.bearerToken(targeted(prepared.request, target), token)
        const request = body === undefined ? authorised : jsonBody(authorised, body)
        // A request that may have acted is never sent again, whatever schedule is in force.
        const mayAct = method !== "GET"
        const chosen = perCall ?? config.retry ?? (mayAct ? Retry.defaultPostSchedule : Retry.defaultSchedule)
        const schedule = mayAct && chosen !== Retry.none ? whileInput(chosen, Retry.isSafeToRepeat) : chosen

        const run = (client: HttpClient.HttpClient, span: Tracer.Span) => {
          const transport = transportOf(client)
          const send = transport.own
            ? transport.scoped.execute(request)
            : catchAll(transport.scoped.execute(request), responseOf)
          // Everything an attempt needs in its context, added in one change of context: its scope (whose
          // closing aborts the request), the call's span as the parent of whatever the client does and, on a
          // client the SDK did not make, the request to send and the `fetch` options of the SDK's requests (a
          // redirect is an answer, never followed; the SDK's own fetch transport sets them itself).
          const enter =
            (scope: Scope.Scope) => (context: Context.Context<never>): Context.Context<Scope.Scope | SdkRequest> => {
              const entered = Context.add(Context.add(context, Scope.Scope, scope), Tracer.ParentSpan, span)
              return (transport.own ? entered : Context.add(
                Context.add(entered, FetchHttpClient.RequestInit, sdkRequestInit(context)),
                SdkRequest,
                request
              )) as Context.Context<Scope.Scope | SdkRequest>
            }
          const gated = (attempt: number) => <A1, E1, R1>(effect: Effect.Effect<A1, E1, R1>) =>
            transport.own ? effect : catchDefectIf(
              askingEachSend(effect, (outer) => sendGate(request, prepared.origin, outer)),
              refusedSend(method, shownUrl, attempt)
            )
          const once = (attempt: number) =>
            Effect.flatMap(Clock.currentTimeNanos, (started) =>
              withAttempt(
                config.timeout,
                transport.own,
                (scope) =>
                  send.pipe(
                    Effect.flatMap((response) =>
                      Effect.map(
                        readBody(
                          response,
                          cameFromElsewhere(response, request, prepared.origin) ? 0 : boundOf(response)
                        ),
                        (read: Body): Answer => ({ method, url: shownUrl, attempt, response, ...read, scrub })
                      )
                    ),
                    Effect.mapError((error) => connectionError(method, shownUrl, attempt, scrub, error)),
                    gated(attempt),
                    transport.own ? identity : Effect.filterOrFail(
                      (answer) => !cameFromElsewhere(answer.response, request, prepared.origin),
                      (answer) => redirectedError(method, shownUrl, attempt, answer.response)
                    ),
                    (effect) => updateContext(effect, enter(scope))
                  ),
                finished,
                () =>
                  new Errors.RequestTimeoutError({ method, url: shownUrl, timeout: config.timeout, attempts: attempt })
              ).pipe(
                Effect.onExit((exit) => recordAttempt(operation.name, method, started, exit)),
                Effect.flatMap((answer): Effect.Effect<A, E | Errors.ResponseValidationError> => {
                  span.attribute("http.response.status_code", answer.response.status)
                  return answer.response.status >= 200 && answer.response.status < 300
                    ? fromResult(decodeSuccess(answer, operation.decode))
                    : Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.fail(operation.statusError(answer, now)))
                })
              ))
          // The schedule starts only after a first failure, which it is then given again as its first input: run
          // from the start, `Effect.retry` would start it on every call, and a call that succeeds at once would pay
          // for it: 1 to 5% CPU per call (5% on Effect 4's fetch, `npm run bench:quick`, same run), which would
          // take a call past its budget of 3% over the previous release. A retried call shows it engages.
          const retrying = (first: CallError<E>) => {
            let attempt = 1
            let replay: CallError<E> | undefined = first
            const again = Effect.suspend(() => {
              if (replay === undefined) return once(++attempt)
              const error = replay
              replay = undefined
              return Effect.fail(error)
            })
            return Effect.retry(
              again,
              announcing(
                schedule,
                (failed, error, wait) => Effect.withParentSpan(announceRetry(operation.name, failed, error, wait), span)
              )
            )
          }
          const calls = schedule === Retry.none ? once(1) : catchAll(once(1), retrying)
          // A request that may act is sent only where the send gate sees every send.
          return !mayAct || transport.gated === true ? calls : Effect.flatMap(
            probe(transport),
            (gated): Effect.Effect<A, CallError<E>> => gated ? calls : Effect.fail(ungated(operation.name))
          )
        }
        const client = config.httpClient === undefined ? HttpClient.HttpClient : Effect.succeed(config.httpClient)
        // The span is the parent of the attempts' context only (see `enter`): providing it to the whole call
        // as well would cost a second change of context per call.
        const traced = Effect.useSpan(`OpenRouter.${operation.name}`, {
          kind: "client",
          ...SPAN_WITHOUT_STACK,
          attributes: { "http.request.method": method, "url.full": shownUrl }
        }, (span) => Effect.flatMap(client, (client) => run(client, span)))
        return config.propagateTraceContext ? traced : withoutPropagation(traced)
      })
  )
