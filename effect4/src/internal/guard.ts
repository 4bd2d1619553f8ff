import * as Context from "effect/Context"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Option from "effect/Option"

/**
 * What a guarded `fetch` throws for a request to an origin other than OpenRouter's: the provided client
 * followed a redirect, and the SDK's credentials must not go there.
 *
 * @internal
 */
export class OtherOriginRefused extends Error {
  readonly code = "OPENROUTER_OTHER_ORIGIN"
  constructor(readonly origin: string) {
    super(`refused to send OpenRouter's credentials to ${origin}`)
  }
}

const urlOf = (input: string | URL | globalThis.Request): string =>
  typeof input === "string" ? input : input instanceof URL ? input.href : input.url

/**
 * A `fetch` for the SDK's requests: redirects are returned, never followed, and a request to any origin but
 * `origin` (a redirect that middleware of the provided client follows) is refused before it leaves.
 */
const guard =
  (origin: string, inner: typeof globalThis.fetch | undefined): typeof globalThis.fetch => (input, init) => {
    let target: string
    try {
      target = new URL(urlOf(input)).origin
    } catch {
      target = ""
    }
    if (target !== origin) return Promise.reject(new OtherOriginRefused(target))
    return (inner ?? globalThis.fetch)(input, { ...init, redirect: "manual" })
  }

const guarded = new WeakSet<typeof globalThis.fetch>()

const guards = new WeakMap<typeof globalThis.fetch, Map<string, typeof globalThis.fetch>>()
const globalGuards = new Map<string, typeof globalThis.fetch>()

const guardFor = (origin: string, inner: typeof globalThis.fetch | undefined): typeof globalThis.fetch => {
  let byOrigin = inner === undefined ? globalGuards : guards.get(inner)
  if (byOrigin === undefined) {
    byOrigin = new Map()
    guards.set(inner!, byOrigin)
  }
  let fetch = byOrigin.get(origin)
  if (fetch === undefined) {
    fetch = guard(origin, inner)
    byOrigin.set(origin, fetch)
    guarded.add(fetch)
  }
  return fetch
}

/**
 * `context` with a guarded `FetchHttpClient.Fetch` (over the one in it, if any): whatever `FetchHttpClient`
 * serves the SDK's requests, wherever it sits in the provided client, returns redirects instead of following
 * them and sends nothing to another origin.
 *
 * @internal
 */
export const withGuardedFetch = <R>(origin: string, context: Context.Context<R>): Context.Context<R> => {
  const current = Context.getOption(context, FetchHttpClient.Fetch)
  if (Option.isSome(current) && guarded.has(current.value)) return context
  return Context.add(context, FetchHttpClient.Fetch, guardFor(origin, Option.getOrUndefined(current)))
}
