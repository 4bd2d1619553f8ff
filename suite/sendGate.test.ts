import { describe, expect, it } from "@effect/vitest"
import {
  type GatedRequest,
  PROBE_REACHED,
  PROBE_URL,
  probeGate,
  sendGate,
  SendRefused
} from "../../src/internal/sendGate.js"

// The send gate decides, for each request a provided client is about to send during an attempt, whether it is the
// SDK's request (again, or sent on by a redirect), which it refuses, or the app's own traffic, which passes.

const ORIGIN = "https://openrouter.ai"
const body = { _tag: "Uint8Array" }
const sdk: GatedRequest = {
  url: `${ORIGIN}/api/v1/keys`,
  headers: { authorization: "Bearer k", "user-agent": "openrouter-effect/2" },
  body
}
const elsewhere = (headers: Record<string, string>, withBody: { readonly _tag: string } = { _tag: "Empty" }) => ({
  url: "https://mirror.example/api/v1/keys?x=1",
  headers,
  body: withBody
})

const refusal = (gate: (request: GatedRequest) => boolean, request: GatedRequest) => {
  try {
    gate(request)
  } catch (error) {
    return error
  }
  return undefined
}

describe("sendGate", () => {
  it("lets the SDK's request through once, answering as tracing would, and refuses it a second time", () => {
    const gate = sendGate(sdk, ORIGIN, () => true)
    expect(gate(sdk)).toBe(true)
    const again = refusal(gate, sdk)
    expect(again).toBeInstanceOf(SendRefused)
    expect(again).toMatchObject({ reason: "Repeated" })
    expect((again as Error).message).toContain("a second time in one attempt")
    expect(sendGate(sdk, ORIGIN, () => false)(sdk)).toBe(false)
  })

  it.each(
    [
      [
        "to OpenRouter's origin",
        { url: "https://user:secret@openrouter.ai/api/v1/other", headers: {}, body: { _tag: "Empty" } },
        "https://openrouter.ai/api/v1/other"
      ],
      ["elsewhere, with the SDK's credential", elsewhere({ authorization: "Bearer k" }), "https://mirror.example"],
      [
        "elsewhere, with the SDK's User-Agent",
        elsewhere({ "user-agent": "openrouter-effect/2" }),
        "https://mirror.example"
      ],
      ["elsewhere, with the SDK's body", elsewhere({}, body), "https://mirror.example"]
    ] as const
  )("refuses a request sent on %s, naming where", (_, next, where) => {
    const gate = sendGate(sdk, ORIGIN, () => true)
    gate(sdk)
    const refused = refusal(gate, next)
    expect(refused).toMatchObject({ reason: "Redirected" })
    expect((refused as Error).message).toContain(`send the request on to ${where} (a redirect it follows)`)
    expect((refused as Error).message).not.toContain("secret")
  })

  it("lets the app's own traffic through, answering as tracing would", () => {
    const other = elsewhere({ authorization: "Bearer app", "user-agent": "app/1" })
    expect(sendGate(sdk, ORIGIN, () => true)(other)).toBe(true)
    expect(sendGate(sdk, ORIGIN, () => false)(other)).toBe(false)
    const bodiless = { ...sdk, body: { _tag: "Empty" } }
    expect(sendGate(bodiless, ORIGIN, () => true)(elsewhere({}))).toBe(true)
  })

  it("a URL it cannot read is another origin", () => {
    const gate = sendGate(sdk, ORIGIN, () => true)
    expect(gate({ url: "not a url", headers: {}, body: { _tag: "Empty" } })).toBe(true)
    expect((refusal(gate, { url: "not a url", headers: { authorization: "Bearer k" }, body }) as Error).message)
      .toContain("on to another origin")
  })
})

describe("probeGate", () => {
  it("stops the probe request where a send would start, and lets any other through", () => {
    const gate = probeGate(PROBE_URL)
    expect(refusal(gate, { url: PROBE_URL, headers: {}, body: { _tag: "Empty" } })).toBe(PROBE_REACHED)
    expect(gate(sdk)).toBe(true)
  })
})
