/**
 * API keys, managed with a **management key**: list them (one page, or every page as a `Stream`), create one (the
 * new key comes back once, as `Redacted`), read, change and remove one by its hash.
 *
 * Changes are sent once: `create`, `update` and `remove` are never sent again after an attempt that may have acted
 * (a timeout, a 5xx, a lost connection), whatever retry schedule is in force.
 *
 * @since 2.2.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { decoder, pages } from "./internal/effectKit.js"
import type { HttpClient } from "./internal/httpKit.js"
import {
  absentOr,
  call,
  checked,
  isDollars,
  isHash,
  isLimitReset,
  isText,
  type OperationError
} from "./internal/operations.js"
import { definedOnly } from "./internal/options.js"
import { statusError } from "./internal/response.js"
import * as spend from "./internal/spendSchemas.js"
import type { OpenRouterConfig } from "./OpenRouterConfig.js"
import type * as Schemas from "./Schemas.js"

/**
 * Everything a `Keys` operation can fail with.
 *
 * @since 2.2.0
 * @category models
 */
export type KeysError = OperationError

/**
 * How a key's limit resets: at midnight UTC each day, each week (weeks start on Monday) or month; `null`: never.
 *
 * @since 2.2.0
 * @category models
 */
export type LimitReset = "daily" | "weekly" | "monthly" | null

/**
 * Which keys {@link list} returns. By default: those of the default workspace, neither disabled nor expired.
 *
 * @since 2.2.0
 * @category models
 */
export interface ListOptions {
  readonly includeDisabled?: boolean | undefined
  readonly includeExpired?: boolean | undefined
  readonly workspaceId?: string | undefined
  /** How many keys to skip (pagination). */
  readonly offset?: number | undefined
}

/**
 * A new key's settings. Only `name` is required.
 *
 * @since 2.2.0
 * @category models
 */
export interface CreateOptions {
  readonly name: string
  /** A spending limit in US dollars; `null` or unset: none. */
  readonly limit?: number | null | undefined
  readonly limitReset?: LimitReset | undefined
  /** Whether BYOK usage counts against the limit. */
  readonly includeByokInLimit?: boolean | undefined
  /** When the key stops working: a `Date`, or an ISO 8601 UTC time with seconds (`2027-12-31T23:59:59Z`). */
  readonly expiresAt?: Date | string | null | undefined
  /** The organization member creating the key. */
  readonly creatorUserId?: string | undefined
  readonly workspaceId?: string | undefined
  /** Your end user the key is for, for attribution (`external.user` on the wire). */
  readonly externalUser?: string | undefined
}

/**
 * A key just created: the key itself, which OpenRouter shows this once, and its description.
 *
 * @since 2.2.0
 * @category models
 */
export interface CreatedKey {
  /** The new key. It prints as `<redacted>`: read it with `Redacted.value`, store it, never log it. */
  readonly key: Redacted.Redacted<string>
  readonly apiKey: Schemas.ApiKey
}

/**
 * A change to a key. At least one field; unset fields stay as they are.
 *
 * @since 2.2.0
 * @category models
 */
export interface UpdatePatch {
  readonly name?: string | undefined
  readonly disabled?: boolean | undefined
  readonly limit?: number | null | undefined
  readonly limitReset?: LimitReset | undefined
  readonly includeByokInLimit?: boolean | undefined
  /** Moves the key to another workspace. */
  readonly workspaceId?: string | undefined
}

type Requirements = OpenRouterConfig | HttpClient.HttpClient

const listOperation = {
  name: "listKeys",
  method: "GET",
  path: "/keys",
  decode: decoder(spend.ListKeysResponse, (body) => body.data),
  statusError
} as const

const createOperation = {
  name: "createKey",
  method: "POST",
  path: "/keys",
  decode: decoder(
    spend.CreateKeyResponse,
    (body): CreatedKey => ({ key: Redacted.make(body.key), apiKey: body.data })
  ),
  statusError
} as const

const getOperation = {
  name: "getKey",
  method: "GET",
  path: "/keys",
  decode: decoder(spend.KeyResponse, (body) => body.data),
  statusError
} as const

const updateOperation = {
  name: "updateKey",
  method: "PATCH",
  path: "/keys",
  decode: decoder(spend.KeyResponse, (body) => body.data),
  statusError
} as const

const removeOperation = {
  name: "removeKey",
  method: "DELETE",
  path: "/keys",
  decode: decoder(spend.DeleteKeyResponse, () => undefined),
  statusError
} as const

const flag = (value: boolean | undefined) => value === undefined ? undefined : String(value)
const isFlag = (value: unknown) => value === undefined || typeof value === "boolean"
const isOffset = (value: unknown) => typeof value === "number" && Number.isSafeInteger(value) && value >= 0
const HASH = "the key's hash, as Keys.list or Keys.create gives it (letters, digits, - and _)"

const checkList = (operation: string, options: ListOptions) =>
  checked(operation, [
    ["includeDisabled", "true or false", () => isFlag(options.includeDisabled)],
    ["includeExpired", "true or false", () => isFlag(options.includeExpired)],
    ["workspaceId", "a workspace id", () => absentOr(options.workspaceId, isText(128))],
    ["offset", "a whole number of keys to skip, 0 or more", () => absentOr(options.offset, isOffset)]
  ])

const page = (options: ListOptions) =>
  call(listOperation, {
    target: {
      query: {
        include_disabled: flag(options.includeDisabled),
        include_expired: flag(options.includeExpired),
        workspace_id: options.workspaceId,
        offset: options.offset === undefined ? undefined : String(options.offset)
      }
    }
  })

/**
 * One page of keys: `GET /keys`.
 *
 * @example
 * ```ts
 * import { Keys } from "openrouter-effect"
 * import { Effect } from "effect"
 *
 * const names = Keys.list({ includeDisabled: true }).pipe(Effect.map((keys) => keys.map((key) => key.name)))
 * ```
 * @since 2.2.0
 * @category operations
 */
export const list = (
  options: ListOptions = {}
): Effect.Effect<ReadonlyArray<Schemas.ApiKey>, KeysError, Requirements> =>
  Effect.andThen(checkList("listKeys", options), page(options))

/**
 * Every key, page after page, as a `Stream`: it asks for the next page only when the one before is consumed, and
 * ends at an empty page, or at a page with no key it has not seen (a server that ignores `offset`).
 *
 * @example
 * ```ts
 * import { Keys } from "openrouter-effect"
 * import { Console, Stream } from "effect"
 *
 * const report = Stream.runForEach(Keys.listAll(), (key) => Console.log(`${key.name}: $${key.usageMonthly}`))
 * ```
 * @since 2.2.0
 * @category operations
 */
export const listAll = (
  options: Omit<ListOptions, "offset"> = {}
): Stream.Stream<Schemas.ApiKey, KeysError, Requirements> => {
  // The keys seen belong to one run: a stream run twice reads every page twice.
  return Stream.suspend(() => {
    const seen = new Set<string>()
    return pages(0, (offset: number) =>
      Effect.andThen(
        checkList("listKeys", options),
        Effect.map(page({ ...options, offset }), (keys) => {
          const fresh = keys.filter((key) => !seen.has(key.hash))
          for (const key of fresh) seen.add(key.hash)
          return [fresh, fresh.length === 0 ? Option.none() : Option.some(offset + keys.length)] as const
        })
      ))
  })
}

/** The settings a key is created with and changed by. */
type Settings = Omit<UpdatePatch, "disabled">

/** The checks of the settings `create` and `update` share (`name`, when required, is checked by `create`). */
const settingChecks = (settings: Settings) =>
  [
    ["name", "a name of 1 to 1,000 characters", () => absentOr(settings.name, isText(1_000))],
    ["limit", "a limit in US dollars (0 or more), or null", () =>
      absentOr(settings.limit, (l) =>
        l === null || isDollars(l))],
    ["limitReset", "daily, weekly, monthly or null", () =>
      absentOr(settings.limitReset, isLimitReset)],
    ["includeByokInLimit", "true or false", () => isFlag(settings.includeByokInLimit)],
    ["workspaceId", "a workspace id", () => absentOr(settings.workspaceId, isText(128))]
  ] as const

/** The settings as the wire names them. */
const settingsBody = (settings: Settings) => ({
  name: settings.name,
  limit: settings.limit,
  limit_reset: settings.limitReset,
  include_byok_in_limit: settings.includeByokInLimit,
  workspace_id: settings.workspaceId
})

const SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

const expiryOf = (expiresAt: Date | string | null): string | null =>
  expiresAt === null ? null : typeof expiresAt === "string" ? expiresAt : expiresAt.toISOString()

const isExpiry = (value: unknown): boolean =>
  value === null ||
  (value instanceof Date && !Number.isNaN(value.getTime())) ||
  (typeof value === "string" && SECONDS.test(value) && !Number.isNaN(Date.parse(value)))

/**
 * Creates a key: `POST /keys`. The key comes back this once, as `Redacted`; it never appears in an error, a log
 * line, a span or the test kit's request log.
 *
 * @example
 * ```ts
 * import { Keys } from "openrouter-effect"
 * import { Effect } from "effect"
 *
 * // A key for one of your users, with $5 a week.
 * const forUser = (userId: string) =>
 *   Keys.create({ name: `user ${userId}`, limit: 5, limitReset: "weekly", externalUser: userId })
 * ```
 * @since 2.2.0
 * @category operations
 */
export const create = (options: CreateOptions): Effect.Effect<CreatedKey, KeysError, Requirements> =>
  Effect.andThen(
    checked("createKey", [
      ["options", "an object with at least a name", () => typeof options === "object" && options !== null],
      ["name", "a name of 1 to 1,000 characters", () => isText(1_000)(options.name)],
      ...settingChecks(options),
      [
        "expiresAt",
        "a valid Date, or an ISO 8601 time with seconds (2027-12-31T23:59:59Z): OpenRouter rejects minute precision",
        () => absentOr(options.expiresAt, isExpiry)
      ],
      ["creatorUserId", "a user id", () => absentOr(options.creatorUserId, isText(256))],
      ["externalUser", "an end-user id of 1 to 512 characters", () => absentOr(options.externalUser, isText(512))]
    ]),
    Effect.suspend(() =>
      call(createOperation, {
        body: definedOnly({
          ...settingsBody(options),
          expires_at: options.expiresAt === undefined ? undefined : expiryOf(options.expiresAt),
          creator_user_id: options.creatorUserId,
          external: options.externalUser === undefined ? undefined : { user: options.externalUser }
        })
      })
    )
  )

const byHash = (operation: string, hash: string) => checked(operation, [["hash", HASH, () => isHash(hash)]])

/**
 * One key by its hash: `GET /keys/{hash}`. An unknown hash fails with `NotFoundResponseError`.
 *
 * @example
 * ```ts
 * import { Keys } from "openrouter-effect"
 *
 * const key = Keys.get("f01d52606dc8f0a8303a7b5cc3fa07109c2e346cec7c0a16b40de462992ce943")
 * ```
 * @since 2.2.0
 * @category operations
 */
export const get = (hash: string): Effect.Effect<Schemas.ApiKey, KeysError, Requirements> =>
  Effect.andThen(byHash("getKey", hash), Effect.suspend(() => call(getOperation, { target: { path: `/${hash}` } })))

const UPDATE_FIELDS = ["name", "disabled", "limit", "limitReset", "includeByokInLimit", "workspaceId"] as const

/**
 * Changes a key: `PATCH /keys/{hash}`. A patch with no field is refused before sending (the server would answer
 * 400 "No update fields provided").
 *
 * @example
 * ```ts
 * import { Keys } from "openrouter-effect"
 *
 * const disable = (hash: string) => Keys.update(hash, { disabled: true })
 * ```
 * @since 2.2.0
 * @category operations
 */
export const update = (hash: string, patch: UpdatePatch): Effect.Effect<Schemas.ApiKey, KeysError, Requirements> =>
  Effect.andThen(
    checked("updateKey", [
      ["hash", HASH, () => isHash(hash)],
      [
        "patch",
        `at least one of ${UPDATE_FIELDS.join(", ")}`,
        () => UPDATE_FIELDS.some((field) => patch[field] !== undefined)
      ],
      ["disabled", "true or false", () => isFlag(patch.disabled)],
      ...settingChecks(patch)
    ]),
    Effect.suspend(() =>
      call(updateOperation, {
        target: { path: `/${hash}` },
        body: definedOnly({ ...settingsBody(patch), disabled: patch.disabled })
      })
    )
  )

/**
 * Removes a key: `DELETE /keys/{hash}`. Requests made with it fail from then on.
 *
 * @example
 * ```ts
 * import { Keys } from "openrouter-effect"
 *
 * const revoke = (hash: string) => Keys.remove(hash)
 * ```
 * @since 2.2.0
 * @category operations
 */
export const remove = (hash: string): Effect.Effect<void, KeysError, Requirements> =>
  Effect.andThen(
    byHash("removeKey", hash),
    Effect.suspend(() => call(removeOperation, { target: { path: `/${hash}` } }))
  )
