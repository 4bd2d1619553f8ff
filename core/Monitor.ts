/**
 * Watching what is left to spend, for programs that run for days: a `Stream` of typed events from polling the
 * account's balance or the key's spending limit.
 *
 * @since 0.3.0
 */
import * as Clock from "effect/Clock"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as Errors from "./Errors.js"
import { fold, repeatOnSchedule, result, scan, type ScheduleOf } from "./internal/effectKit.js"
import type { HttpClient } from "./internal/httpKit.js"
import { checkDollars, checkSource } from "./internal/options.js"
import { type ReadError, readRemaining, type Remaining } from "./internal/remaining.js"
import type { OpenRouterConfig } from "./OpenRouterConfig.js"

/**
 * What a watch reports. Amounts are US dollars; `source` says where a reading comes from (a watch of the key
 * reads the account's balance too when the key is a management key, and reports whichever is less).
 *
 * - `Observed`: the first reading.
 * - `Changed`: a reading that differs from the one before.
 * - `Low`: what is left fell below `low`; said once, until it has recovered.
 * - `Recovered`: after a `Low`, what is left is back at or above `recover`; said once.
 * - `Unavailable`: a poll failed even after the SDK's retries (an outage, a timeout); the watch goes on.
 *
 * @since 0.3.0
 * @category models
 */
export type BalanceEvent = Data.TaggedEnum<{
  Observed: { readonly source: Errors.CreditSource; readonly remaining: number; readonly at: Date }
  Changed: {
    readonly source: Errors.CreditSource
    readonly previous: number
    readonly remaining: number
    readonly at: Date
  }
  Low: {
    readonly source: Errors.CreditSource
    readonly remaining: number
    readonly threshold: number
    readonly at: Date
    /** The binding layer's scope (`key_limit`, `member`, …), with the key source. */
    readonly scope?: string | undefined
    /** When the binding layer resets, if it does. */
    readonly resetsAt?: Date | undefined
  }
  Recovered: {
    readonly source: Errors.CreditSource
    readonly remaining: number
    readonly threshold: number
    readonly at: Date
    readonly scope?: string | undefined
    readonly resetsAt?: Date | undefined
  }
  Unavailable: { readonly source: Errors.CreditSource; readonly error: Errors.GetCreditsError; readonly at: Date }
}>

/**
 * Constructors, `$is` and `$match` for {@link BalanceEvent}.
 *
 * @example
 * ```ts
 * import { Monitor } from "openrouter-effect"
 *
 * const describe = Monitor.BalanceEvent.$match({
 *   Observed: (e) => `$${e.remaining} left`,
 *   Changed: (e) => `$${e.previous} -> $${e.remaining}`,
 *   Low: (e) => `LOW: $${e.remaining} < $${e.threshold}`,
 *   Recovered: (e) => `recovered: $${e.remaining}`,
 *   Unavailable: (e) => `unavailable: ${e.error.message}`
 * })
 * ```
 * @since 0.3.0
 * @category constructors
 */
export const BalanceEvent = Data.taggedEnum<BalanceEvent>()

/**
 * A threshold of {@link watchBalance}: US dollars, or a share of the binding layer's limit (`{ share: 0.1 }`: a
 * tenth of it).
 *
 * @since 2.2.0
 * @category models
 */
export type Threshold = number | { readonly share: number }

/**
 * The errors that end a watch: no retry will fix them. A 401 (the key is missing, revoked or unknown), a 403
 * (an ordinary key watching the account: watch `source: "key"` instead), an ordinary key without a spending limit
 * watched as the key source (nothing it may read bounds it), or settings that cannot be used (checked before the
 * first poll).
 *
 * @since 0.3.0
 * @category models
 */
export type WatchError =
  | Errors.UnauthorizedResponseError
  | Errors.ForbiddenResponseError
  | Errors.RequestValidationError
  | Errors.NoSpendingLimitError

/**
 * How to watch.
 *
 * @since 0.3.0
 * @category models
 */
export interface WatchOptions<Out = unknown, R = never> {
  /**
   * `"account"` (`GET /credits`, needs a management key) or `"key"`: what bounds the key in use, as
   * `ApiKeys.spendable` answers it (any key): the layer that blocks first of its budgets, its own limit and, for a
   * management key, the account's balance. Default `"account"`.
   */
  readonly source?: Errors.CreditSource | undefined
  /** When to poll again after each poll (the first is at once). Default {@link defaultSchedule}. */
  readonly schedule?: ScheduleOf<Out, unknown, R> | undefined
  /**
   * Say `Low` once when what is left falls below this: US dollars, or `{ share }`, a share (above 0, at most 1) of
   * the binding layer's limit (a budget's or the key's own; the account's balance has none, so a share never
   * fires on it). Unset: no `Low` or `Recovered`.
   */
  readonly low?: Threshold | undefined
  /**
   * Say `Recovered` once when, after a `Low`, what is left is back at or above this. Default `low`; set it
   * higher so that a balance hovering at `low` does not alert at every poll (a value below `low` counts as
   * `low`).
   */
  readonly recover?: Threshold | undefined
}

/**
 * The default polling schedule: every 5 minutes.
 *
 * @example
 * ```ts
 * import { Monitor } from "openrouter-effect"
 *
 * const alerts = Monitor.watchBalance({ schedule: Monitor.defaultSchedule, low: 5 })
 * ```
 * @since 0.3.0
 * @category schedules
 */
export const defaultSchedule: Schedule.Schedule<number> = Schedule.spaced("5 minutes")

const isFatal = (error: ReadError): error is WatchError =>
  error._tag === "UnauthorizedResponseError" || error._tag === "ForbiddenResponseError" ||
  error._tag === "RequestValidationError" || error._tag === "NoSpendingLimitError"

interface WatchState {
  readonly previous: number | undefined
  readonly low: boolean
}

const checkThreshold = (field: string, threshold: Threshold | undefined) =>
  threshold === undefined
    ? undefined
    : typeof threshold === "object" && threshold !== null
    ? typeof threshold.share === "number" && threshold.share > 0 && threshold.share <= 1
      ? undefined
      : new Errors.RequestValidationError({
        operation: "Monitor.watchBalance",
        field: `${field}.share`,
        expected: "a share of the binding limit above 0 and at most 1"
      })
    : checkDollars("Monitor.watchBalance", field, threshold)

/** A threshold in dollars for a reading, or `undefined` when a share has no limit to be a share of. */
const dollarsOf = (threshold: Threshold, reading: Remaining): number | undefined =>
  typeof threshold === "number" ? threshold : reading.limit === null ? undefined : threshold.share * reading.limit

const checkOptions = (options: WatchOptions<unknown, unknown>): Errors.RequestValidationError | undefined => {
  const operation = "Monitor.watchBalance"
  return checkSource(operation, options.source ?? "account") ??
    checkThreshold("low", options.low) ??
    checkThreshold("recover", options.recover) ??
    (options.schedule === undefined || Schedule.isSchedule(options.schedule)
      ? undefined
      : new Errors.RequestValidationError({ operation, field: "schedule", expected: "a Schedule" }))
}

/**
 * Polls what is left to spend and reports it as {@link BalanceEvent}s: the first reading, every change, one
 * `Low` when it falls below `low` and one `Recovered` when it is back at `recover`, and an `Unavailable` for
 * each poll that failed after the SDK's retries (the watch keeps going through outages). It fails, and so stops,
 * only with a {@link WatchError}, which no retry will fix.
 *
 * @example
 * ```ts
 * import { HttpLayer, Monitor } from "openrouter-effect"
 * import { Effect, Schedule, Stream } from "effect"
 *
 * const alerts = Monitor.watchBalance({
 *   source: "key",
 *   schedule: Schedule.spaced("10 minutes"),
 *   low: 5,
 *   recover: 10
 * }).pipe(
 *   Stream.filter(Monitor.BalanceEvent.$is("Low")),
 *   Stream.runForEach((low) => Effect.logWarning(`only $${low.remaining} left`)),
 *   Effect.provide(HttpLayer.layerFromEnv)
 * )
 * ```
 * @since 0.3.0
 * @category streams
 */
export const watchBalance = <Out = number, R = never>(
  options: WatchOptions<Out, R> = {}
): Stream.Stream<BalanceEvent, WatchError, OpenRouterConfig | HttpClient.HttpClient | R> => {
  const invalid = checkOptions(options)
  if (invalid !== undefined) return Stream.fail(invalid)
  const source = options.source ?? "account"
  const lowAt = options.low
  const recoverAt = options.recover ?? lowAt
  const schedule = (options.schedule ?? defaultSchedule) as ScheduleOf<Out, unknown, R>
  const poll = result(readRemaining(source)).pipe(
    Effect.tap((read) => fold(read, (error) => isFatal(error) ? Effect.fail(error) : Effect.void, () => Effect.void)),
    Effect.zip(Clock.currentTimeMillis),
    Effect.map(([read, now]) => ({ read, at: new Date(now) }))
  )
  const initial: WatchState = { previous: undefined, low: false }
  return repeatOnSchedule(poll, schedule).pipe(
    scan(
      initial,
      (state, { at, read }): readonly [WatchState, ReadonlyArray<BalanceEvent>] =>
        fold<Remaining, ReadError, readonly [WatchState, ReadonlyArray<BalanceEvent>]>(
          read,
          (error) => [state, [BalanceEvent.Unavailable({ source, error: error as Errors.GetCreditsError, at })]],
          (reading) => {
            const { remaining, source: from } = reading
            const low = lowAt === undefined ? undefined : dollarsOf(lowAt, reading)
            const recovering = recoverAt === undefined ? undefined : dollarsOf(recoverAt, reading)
            const recover = low === undefined ? undefined : Math.max(low, recovering ?? low)
            const layer = {
              ...(reading.scope === null ? {} : { scope: reading.scope }),
              ...(reading.resetsAt === null ? {} : { resetsAt: reading.resetsAt })
            }
            const events: Array<BalanceEvent> = []
            if (state.previous === undefined) events.push(BalanceEvent.Observed({ source: from, remaining, at }))
            else if (remaining !== state.previous) {
              events.push(BalanceEvent.Changed({ source: from, previous: state.previous, remaining, at }))
            }
            let isLow = state.low
            if (low !== undefined && recover !== undefined) {
              if (!isLow && remaining < low) {
                isLow = true
                events.push(BalanceEvent.Low({ source: from, remaining, threshold: low, at, ...layer }))
              } else if (isLow && remaining >= recover) {
                isLow = false
                events.push(BalanceEvent.Recovered({ source: from, remaining, threshold: recover, at, ...layer }))
              }
            }
            return [{ previous: remaining, low: isLow }, events]
          }
        )
    )
  )
}
