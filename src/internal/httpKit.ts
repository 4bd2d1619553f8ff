/**
 * The HTTP client module of this edition's Effect (`@effect/platform`), for the modules written once in `core/`.
 * The Effect 4 edition's `internal/httpKit.ts` names `effect/http`'s.
 *
 * @internal
 */
export * from "@effect/platform/HttpClient"
