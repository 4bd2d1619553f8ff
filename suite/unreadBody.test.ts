import { afterAll, describe, expect, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { writeReport } from "../support/seam.js"

const figures = { transports: 0, cases: 0, calls: 0, survived: false }
afterAll(() => writeReport("unread-body", figures))

const child = fileURLToPath(new URL("./support/unreadBodyChild.ts", import.meta.url))
const tsx = fileURLToPath(new URL("../../node_modules/tsx/dist/cli.mjs", import.meta.url))

const run = () =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [tsx, "--conditions=@openrouter-effect/source", child],
      { timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : (error.code as number | null) ?? 1, stdout, stderr })
    )
  })

describe("a body the SDK does not read to the end never crashes the process (nodejs/undici#5360)", () => {
  it(
    "the server closes the connection after bodies cut off or refused, on fetch and undici: typed errors",
    async () => {
      const { code, stdout, stderr } = await run()
      expect(stderr).not.toMatch(/AssertionError|paused/)
      expect(code).toBe(0)
      const results = JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, Array<string>>
      const expected = (tag: string) => [tag, tag, tag, tag]
      expect(results).toEqual(Object.fromEntries(["fetch", "undici"].flatMap((transport) => [
        [`${transport}: gzip of 50 KB inflating to 50 MB`, expected("ResponseValidationError")],
        [`${transport}: gzip of 40 KiB nobody asked for`, expected("ResponseValidationError")],
        [`${transport}: plain body past 1 MiB`, expected("ResponseValidationError")],
        [`${transport}: error body past 64 KiB`, expected("ForbiddenResponseError")]
      ])))
      figures.transports = 2
      figures.cases = Object.keys(results).length / 2
      figures.calls = Object.values(results).flat().length
      figures.survived = true
    },
    150_000
  )
})
