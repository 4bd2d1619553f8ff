// Bytes promoted to V8's old generation per `runPromise`, in plain Effect (no SDK, no HTTP): an effect run inline
// against the same effect run in a forked fiber that is awaited, with and without V8's allocation-site
// pretenuring. It backs what the README's "Performance" section says about the cost of a fiber per attempt.
// Usage: node bench/pretenure.mjs
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"

const CALLS = 20_000

if (process.argv[2] === "child") {
  const { Effect } = await import("effect")
  const work = Effect.gen(function*() {
    const acc = []
    for (let i = 0; i < 50; i++) {
      acc.push({ i, text: `item ${i}`, list: new Array(20).fill(i) })
      yield* Effect.succeed(i)
    }
    yield* Effect.async((resume) => {
      setImmediate(() => resume(Effect.void))
    })
    return acc.length
  })
  const program = process.argv[3] === "fork" ? Effect.flatMap(Effect.fork(work), (fiber) => fiber.await) : work
  for (let i = 0; i < 2_000; i++) await Effect.runPromise(program)
  console.log("START")
  for (let i = 0; i < CALLS; i++) await Effect.runPromise(program)
  console.log("END")
} else {
  for (const flags of [[], ["--no-allocation-site-pretenuring"]]) {
    for (const mode of ["inline", "fork"]) {
      const out = execFileSync(process.execPath, [
        "--trace-gc-nvp",
        ...flags,
        fileURLToPath(import.meta.url),
        "child",
        mode
      ], { encoding: "utf8", maxBuffer: 1 << 30 })
      const lines = out.split("\n")
      const measured = lines.slice(lines.indexOf("START"), lines.indexOf("END"))
      const promoted = measured.reduce((sum, line) => sum + Number(/ promoted=(\d+)/.exec(line)?.[1] ?? 0), 0)
      console.log(
        `${mode.padEnd(6)} ${(flags[0] ?? "").padEnd(33)} ${Math.round(promoted / CALLS)} B promoted per call`
      )
    }
  }
}
