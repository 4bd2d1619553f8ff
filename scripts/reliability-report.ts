/**
 * Renders the figures the test run wrote to reports/*.json into docs/reliability.md.
 * Run by `npm test` after the tests; `npm run report` alone re-renders from the last run.
 */
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { writeSection } from "./readmeSection.js"

// The edition under test is the working directory: the root package, or effect4/ (`tsx ../scripts/…`).
const read = <A>(name: string): A | undefined => {
  const file = join(process.cwd(), "reports", `${name}.json`)
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) as A : undefined
}

const faults = read<{ cases: number; passed: number; worstSimulatedMillis: number }>("faults")
const properties = read<{ runs: Record<string, number> }>("properties")
const secrets = read<{ cases: number; outputsChecked: number }>("secrets")
const hardening = read<{ cases: number; passed: number }>("hardening")
const unreadBody = read<{ transports: number; cases: number; calls: number; survived: boolean }>("unread-body")
const soak = read<{
  calls: number
  concurrency: number
  faultRate: number
  succeeded: number
  typedErrors: Record<string, number>
  defects: number
  requestsSent: number
  postCalls: number
  postsSucceeded: number
  chargesCreated: number
  mostChargesForOneCall: number
  postsFailedAfterTheChargeWasMade: number
  fibersLeftRunning: number
  heapAfter1000CallsMiB: number
  heapAtEndMiB: number
  heapRatio: number
  seconds: number
}>("soak")

if (!faults || !properties || !secrets || !soak || !hardening || !unreadBody) {
  console.error("reliability report: some figures are missing; run the whole test suite first")
  process.exit(1)
}

const errors = Object.entries(soak.typedErrors).map(([tag, n]) => `${n} ${tag}`).join(", ")
const rows = [
  [
    "Wire faults on a real loopback server, on fetch and on undici (refused, resets, trickle, timeouts, bad bodies, 50 MB, unasked gzip, bodies cut off, Retry-After, redirects and loops, echoed keys, oversized messages and metadata)",
    `${faults.passed} of ${faults.cases} cases end in the expected typed result, no defect, no key in the output; longest simulated time ${
      faults.worstSimulatedMillis / 1000
    } s`
  ],
  [
    "Bodies the SDK does not read to the end, then the server closes, in a child process with npm undici loaded",
    unreadBody.survived
      ? `${unreadBody.cases} cases × ${unreadBody.transports} transports, ${unreadBody.calls} calls: the process survives, every call a typed error`
      : "the process did not survive"
  ],
  [
    "Settings and the app's own HttpClient (bad base URLs, header values, timeouts, hostile input; app middleware, filterStatusOk, followRedirects, a transport of its own)",
    `${hardening.passed} of ${hardening.cases} cases hold: refused before sending, never retried, the SDK's request is what OpenRouter receives`
  ],
  ...Object.entries(properties.runs).map(([name, runs]) => [`Property: ${name}`, `${runs} runs, no counterexample`]),
  [
    "Secrets: every error rendering, log line, span and recorded request",
    `${secrets.cases} fault cases, ${secrets.outputsChecked} outputs checked, no key or bearer found`
  ],
  [
    `Soak: ${soak.calls.toLocaleString("en")} calls, concurrency ${soak.concurrency}, ${soak.faultRate * 100}% faults`,
    `${soak.succeeded} succeeded, ${errors}; ${soak.defects} defects; ${soak.requestsSent} requests sent`
  ],
  [
    "Soak: POST safety, on the default POST schedule, with charges made and then the answer lost or a 5xx",
    `${soak.postCalls} POST calls, ${soak.postsSucceeded} succeeded, ${soak.postsFailedAfterTheChargeWasMade} failed after the charge was made; ${soak.chargesCreated} charges, at most ${soak.mostChargesForOneCall} per call`
  ],
  [
    "Soak: fibers and heap",
    `${soak.fibersLeftRunning} fibers left running; heap after GC ${soak.heapAfter1000CallsMiB} MiB after 1,000 calls, ${soak.heapAtEndMiB} MiB at the end (×${soak.heapRatio}); ${soak.seconds} s`
  ]
]
const table = [
  "| what is tested | figures from the last test run |",
  "|---|---|",
  ...rows.map(([what, figures]) => `| ${what} | ${figures} |`)
].join("\n")

writeSection("docs/reliability.md", "reliability", table)
console.log("reliability report: docs/reliability.md updated")
