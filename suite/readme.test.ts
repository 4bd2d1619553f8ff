import { describe, expect, it } from "@effect/vitest"
import { existsSync, readdirSync, readFileSync } from "node:fs"

const root = new URL("../../", import.meta.url)
const docs = new URL("docs/", root)
const pages = [
  "README.md",
  ...(existsSync(docs) ? readdirSync(docs).filter((f) => f.endsWith(".md")) : [])
    .map((f) => `docs/${f}`)
]

describe.each(pages)("%s", (page) => {
  const text = readFileSync(new URL(page, root), "utf8")
  const base = new URL(page.startsWith("docs/") ? "../" : "./", new URL(page, root))
  const examples = [...text.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```/g)]

  it.each(examples.map((match) => [match[1]!, match[2]!] as const))(
    "shows %s exactly as it is compiled",
    (file, code) => expect(code).toBe(readFileSync(new URL(file, base), "utf8"))
  )

  it("has no TypeScript block that no file backs", () => {
    const blocks = text.match(/```ts\n/g) ?? []
    expect(blocks.length).toBe(examples.length)
  })
})

describe("README", () => {
  const readme = readFileSync(new URL("README.md", root), "utf8")

  it("holds what a user needs to start, in at most 15 KB; the rest is in docs/", () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(15 * 1024)
    expect(readme).toContain("## Quick start")
  })

  it("every example file is shown somewhere", () => {
    const shown = pages.flatMap((page) =>
      [...readFileSync(new URL(page, root), "utf8").matchAll(/<!-- example: (\S+) -->/g)].map((m) => m[1])
    )
    expect(shown.length).toBeGreaterThanOrEqual(5)
  })
})
