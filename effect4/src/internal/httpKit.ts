/**
 * The HTTP client module of this edition's Effect (`effect/http`), for the modules written once in `core/`. The
 * Effect 3 edition's `internal/httpKit.ts` names `@effect/platform`'s.
 *
 * @internal
 */
export * from "effect/http/HttpClient"
