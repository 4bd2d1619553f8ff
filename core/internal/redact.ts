import { MAX_BODY_CHARS as MAX_KEPT_CHARS } from "../Errors.js"

/** How deep server metadata is kept; anything deeper is replaced by a marker. */
const MAX_METADATA_DEPTH = 8

const REDACTED = "<redacted>"

/**
 * Response headers that may carry a credential, by name: every `*authorization*` (`proxy-authorization`,
 * `x-amzn-remapped-authorization`, …), cookies, and any name that speaks of a token, secret, password, key or
 * session.
 *
 * @internal
 */
export const SENSITIVE_HEADER = /auth|cookie|token|secret|passw|api[-_]?key|credential|session|signature/i

/**
 * A value that can go in an HTTP header (RFC 9110 field-value): tab, visible ASCII and Latin-1, no line breaks
 * or other control characters.
 *
 * @internal
 */
export const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/

/**
 * Replaces every occurrence of a credential the SDK sent by `<redacted>`: a server that echoes the key in a
 * message or a header must not put it into an error.
 *
 * @internal
 */
export type Scrub = (text: string) => string

/**
 * A {@link Scrub} for `secret`, in the forms a server may echo it (as sent, and URL-encoded), and for anything
 * shaped like an OpenRouter key.
 *
 * @internal
 */
export const scrubber = (secret: string): Scrub => {
  const forms = [...new Set([secret, encodeURIComponent(secret)])].filter((form) => form !== "")
  return (text) => forms.reduce((out, form) => out.replaceAll(form, REDACTED), text).replace(OPENROUTER_KEY, REDACTED)
}

/**
 * Anything shaped like an OpenRouter key (`sk-or-v1-…`), whoever's: a key created by `Keys.create` comes back in a
 * response body, which an error may keep.
 */
const OPENROUTER_KEY = /sk-or-[A-Za-z0-9_-]{8,}/g

/**
 * A URL's `scheme://user:password@`. A scheme is only tried where a run of scheme characters starts, so a long
 * run of letters costs one pass, not one per letter (10,000 letters: 0.4 ms, against 290 ms without the
 * lookbehind); anything else may precede it (`proxy_http://…`).
 */
const URL_USER_INFO = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/)[^/?#\s]*@/gi

/**
 * The URL as errors and spans show it, or a text that quotes URLs (a transport's message), without any
 * `user:password@`, whatever the password contains.
 *
 * @internal
 */
export const safeUrl = (text: string): string => text.replace(URL_USER_INFO, "$1")

/**
 * Response headers without anything that may carry a credential, with the credential the SDK sent scrubbed
 * from the rest, and any URL in them (a `Location`, an echo) shown without `user:password@`.
 *
 * @internal
 */
export const safeHeaders = (headers: Readonly<Record<string, string>>, scrub: Scrub): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (!SENSITIVE_HEADER.test(name)) out[name] = safeUrl(scrub(value).slice(0, MAX_KEPT_CHARS))
  }
  return out
}

/**
 * `text` scrubbed and cut to {@link MAX_KEPT_CHARS} characters.
 *
 * @internal
 */
export const keep = (text: string, scrub: Scrub): string => scrub(text).slice(0, MAX_KEPT_CHARS)

/**
 * A copy of server-sent JSON that fits in an error: secrets scrubbed, at most {@link MAX_METADATA_DEPTH} levels
 * deep, and about {@link MAX_KEPT_CHARS} characters when printed as JSON. What does not fit is left out and
 * marked with `"…": "truncated"`. `__proto__` keys are dropped, so a server cannot set a prototype.
 *
 * @internal
 */
export const boundJson = (value: unknown, scrub: Scrub): unknown => {
  let budget = MAX_KEPT_CHARS - 32
  const marker = "truncated"
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === "string") {
      const kept = scrub(node).slice(0, Math.max(0, budget))
      budget -= JSON.stringify(kept).length
      return kept
    }
    if (node === null || typeof node !== "object") {
      budget -= 8
      return node
    }
    if (depth >= MAX_METADATA_DEPTH) {
      budget -= marker.length + 4
      return `[${marker}]`
    }
    if (Array.isArray(node)) {
      const out: Array<unknown> = []
      for (const item of node) {
        if (budget <= 0) {
          out.push(`[${marker}]`)
          break
        }
        budget -= 1
        out.push(walk(item, depth + 1))
      }
      return out
    }
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(node)) {
      if (key === "__proto__") continue
      if (budget <= 0) {
        out["…"] = marker
        break
      }
      const name = scrub(key).slice(0, 200)
      budget -= JSON.stringify(name).length + 1
      out[name] = walk((node as Record<string, unknown>)[key], depth + 1)
    }
    return out
  }
  return walk(value, 0)
}
