/**
 * A guard before spending: "refuse this work if less than $X is left", cheap enough to sit in front of every
 * model call. What is left is read at most once per time-to-live, however many fibers ask at once.
 *
 * @since 0.3.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Errors from "./Errors.js"
import { type DurationInput, Service as ServiceKey } from "./internal/effectKit.js"
import type { HttpClient } from "./internal/httpKit.js"
import { checkDollars, checkSource, decodeSpan } from "./internal/options.js"
import { readRemaining } from "./internal/remaining.js"
import type { OpenRouterConfig } from "./OpenRouterConfig.js"

/**
 * What a spend guard can fail with: the refusal, the read's own typed errors, or `NoSpendingLimitError` for an
 * ordinary key whose spending nothing it may read bounds.
 *
 * @since 0.3.0
 * @category models
 */
export type SpendGuardError = Errors.InsufficientCreditsError | Errors.GetCreditsError | Errors.NoSpendingLimitError

/**
 * A spend guard.
 *
 * @since 0.3.0
 * @category models
 */
export interface Service {
  /** Where it reads what is left. */
  readonly source: Errors.CreditSource
  /**
   * Succeeds if at least `amount` US dollars are left; fails with `InsufficientCreditsError` otherwise, or with the
   * read's error if what is left could not be read. Never passes on what it cannot read.
   */
  readonly require: (amount: number) => Effect.Effect<void, SpendGuardError>
  /** What is left, as last read (at most `ttl` ago). */
  readonly remaining: Effect.Effect<number, Exclude<SpendGuardError, Errors.InsufficientCreditsError>>
  /**
   * Forgets the last reading, so that the next `require` or `remaining` reads again: after a top-up, or after a
   * model call answered 402 or 403.
   */
  readonly refresh: Effect.Effect<void>
}

/**
 * The Context tag of a spend guard.
 *
 * @example
 * ```ts
 * import { SpendGuard } from "openrouter-effect"
 * import { Effect } from "effect"
 *
 * const whatIsLeft = Effect.flatMap(SpendGuard.SpendGuard, (guard) => guard.remaining)
 * ```
 * @since 0.3.0
 * @category tags
 */
export class SpendGuard extends ServiceKey<SpendGuard, Service>()("openrouter-effect/SpendGuard") {}

/**
 * How a guard reads what is left.
 *
 * @since 0.3.0
 * @category models
 */
export interface Options {
  /**
   * `"account"` (`GET /credits`, needs a management key) or `"key"`: what bounds the key in use, as
   * `ApiKeys.spendable` answers it (any key): the layer that blocks first of its budgets, its own limit and, for a
   * management key, the account's balance. Default `"account"`.
   */
  readonly source?: Errors.CreditSource | undefined
  /**
   * How long a reading is trusted: at most one request per `ttl`, whatever the number of callers. A failed read
   * is kept as long, so an outage costs one request per `ttl` too. A finite duration above zero; default 30
   * seconds.
   */
  readonly ttl?: DurationInput | undefined
}

/**
 * Makes a spend guard over the `OpenRouterConfig` and `HttpClient` in context. Concurrent callers share one
 * read (`Effect.cachedWithTTL`): 1,000 fibers asking at once cost one request. The guard keeps the client it
 * was made with, so make it where that client lives: as a layer ({@link layer}) beside the transport's, or
 * inside the scope that holds the transport, not under an `Effect.provide` of its own that closes the
 * transport as soon as the guard is made.
 *
 * @example
 * ```ts
 * import { HttpLayer, SpendGuard } from "openrouter-effect"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const guard = yield* SpendGuard.make({ source: "key", ttl: "1 minute" })
 *   yield* guard.require(0.5)
 *   // ...the model call
 * }).pipe(Effect.provide(HttpLayer.layerFromEnv))
 * ```
 * @since 0.3.0
 * @category constructors
 */
export const make = (
  options: Options = {}
): Effect.Effect<Service, Errors.RequestValidationError, OpenRouterConfig | HttpClient.HttpClient> => {
  const source = options.source ?? "account"
  const ttl = decodeSpan("SpendGuard.make", "ttl", options.ttl ?? "30 seconds")
  const invalid = checkSource("SpendGuard.make", source) ?? (Duration.isDuration(ttl) ? undefined : ttl)
  if (invalid !== undefined) return Effect.fail(invalid)
  return Effect.context<OpenRouterConfig | HttpClient.HttpClient>().pipe(
    Effect.flatMap((context) =>
      Effect.cachedInvalidateWithTTL(Effect.provide(readRemaining(source), context), ttl as Duration.Duration)
    ),
    Effect.map(
      ([read, refresh]): Service => ({
        source,
        refresh,
        remaining: Effect.map(read, (left) => left.remaining),
        require: (amount) => {
          const refused = checkDollars("SpendGuard.require", "amount", amount)
          return refused !== undefined ? Effect.fail(refused) : Effect.flatMap(read, (left) =>
            left.remaining >= amount
              ? Effect.void
              : Effect.fail(
                new Errors.InsufficientCreditsError({
                  remaining: left.remaining,
                  required: amount,
                  source: left.source,
                  ...(left.scope === null ? {} : { scope: left.scope }),
                  ...(left.resetsAt === null ? {} : { resetsAt: left.resetsAt.toISOString() })
                })
              ))
        }
      })
    )
  )
}

/**
 * A layer of {@link SpendGuard}, made by {@link make}.
 *
 * @example
 * ```ts
 * import { HttpLayer, SpendGuard } from "openrouter-effect"
 * import { Effect, Layer } from "effect"
 *
 * const GuardLive = SpendGuard.layer({ source: "key" }).pipe(Layer.provide(HttpLayer.layerFromEnv))
 * const program = SpendGuard.require(0.5).pipe(Effect.provide(GuardLive))
 * ```
 * @since 0.3.0
 * @category layers
 */
export const layer = (
  options: Options = {}
): Layer.Layer<SpendGuard, Errors.RequestValidationError, OpenRouterConfig | HttpClient.HttpClient> =>
  Layer.effect(SpendGuard, make(options))

/**
 * Requires `amount` US dollars to be left, through the {@link SpendGuard} in context.
 *
 * @example
 * ```ts
 * import { SpendGuard } from "openrouter-effect"
 * import { Effect } from "effect"
 *
 * const guarded = <A, E, R>(work: Effect.Effect<A, E, R>) => Effect.andThen(SpendGuard.require(0.25), work)
 * ```
 * @since 0.3.0
 * @category accessors
 */
export const require = (amount: number): Effect.Effect<void, SpendGuardError, SpendGuard> =>
  Effect.flatMap(SpendGuard, (guard) => guard.require(amount))

/**
 * Makes the guard in context read again at its next use: after a top-up, or after a model call answered 402.
 *
 * @example
 * ```ts
 * import { SpendGuard } from "openrouter-effect"
 * import { Effect } from "effect"
 *
 * // After a 402 from a model call: the next require reads the balance again.
 * const onPaymentRequired = SpendGuard.refresh.pipe(Effect.andThen(SpendGuard.require(0.5)))
 * ```
 * @since 2.2.0
 * @category accessors
 */
export const refresh: Effect.Effect<void, never, SpendGuard> = Effect.flatMap(SpendGuard, (guard) => guard.refresh)
