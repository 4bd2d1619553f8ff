import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { execFileSync } from "node:child_process"
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { NodeLayer } from "openrouter-effect/node"
import { atLeast, requireNode } from "../src/internal/runtime.js"

// Edition-only: the Effect 3 edition's NodeLayer runs on every Node its peers support.
describe("NodeLayer on a Node older than undici 8 needs", () => {
  it.each(
    [
      ["22.19.0", true],
      ["22.20.1", true],
      ["v24.0.0", true],
      ["22.18.9", false],
      ["20.20.2", false],
      ["18.0.0", false]
    ] as const
  )("Node %s is supported: %s", (version, supported) => {
    expect(atLeast(version, NodeLayer.MINIMUM_NODE)).toBe(supported)
  })

  it.effect("fails when built with UnsupportedRuntimeError, naming the Node it needs and the one it found", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(requireNode("NodeLayer.layer", NodeLayer.MINIMUM_NODE, "20.20.2"))
      expect(error).toMatchObject({
        _tag: "UnsupportedRuntimeError",
        layer: "NodeLayer.layer",
        required: ">= 22.19.0",
        found: "20.20.2"
      })
      expect(error.message).toContain("use HttpLayer.layer (fetch)")
    }))

  it.effect("builds on this Node (22.19+, brought by npm ci)", () =>
    Effect.scoped(Layer.build(NodeLayer.layer)).pipe(Effect.asVoid))

  // The machine's own Node, when it is older: the real failure, not a defect inside undici.
  const systemNode = ["/usr/bin/node", "/usr/local/bin/node"].find((path) => {
    if (!existsSync(path)) return false
    const version = execFileSync(path, ["--version"], { encoding: "utf8" }).trim()
    return !atLeast(version, NodeLayer.MINIMUM_NODE)
  })
  it.runIf(systemNode !== undefined)("on the machine's older Node, as a user runs it: the typed error", () => {
    const script = fileURLToPath(new URL("./support/buildNodeLayer.ts", import.meta.url))
    const output = execFileSync(
      systemNode!,
      ["--conditions=@openrouter-effect/source", "--import", "tsx", script],
      { cwd: fileURLToPath(new URL("../", import.meta.url)), encoding: "utf8", timeout: 60_000 }
    )
    expect(output).toContain("UnsupportedRuntimeError")
    expect(output).toContain("NodeLayer.layer needs Node.js >= 22.19.0")
    expect(output).not.toContain("reading 'bind'")
  })
})
