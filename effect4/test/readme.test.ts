import { describe, expect, it } from "@effect/vitest"
import { readFileSync } from "node:fs"

const root = new URL("../", import.meta.url)
const readme = readFileSync(new URL("README.md", root), "utf8")
const examples = [...readme.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```/g)]

describe("README", () => {
  it("has TypeScript examples", () => expect(examples.length).toBeGreaterThanOrEqual(2))

  it.each(examples.map((match) => [match[1]!, match[2]!] as const))(
    "shows %s exactly as it is compiled",
    (file, code) => expect(code).toBe(readFileSync(new URL(file, root), "utf8"))
  )

  it("has no TypeScript block that no file backs", () => {
    const blocks = readme.match(/```ts\n/g) ?? []
    expect(blocks.length).toBe(examples.length)
  })
})
