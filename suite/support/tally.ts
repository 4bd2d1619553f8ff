import { afterAll, beforeEach, onTestFinished } from "@effect/vitest"
import { writeReport } from "../../support/seam.js"

/**
 * Counts the tests of the calling file that ran and passed, and writes the counts to `reports/<section>.json`
 * for the reliability table.
 */
export const tallyFile = (section: string) => {
  const figures = { cases: 0, passed: 0 }
  beforeEach(() => {
    figures.cases++
    onTestFinished(({ task }) => {
      if (task.result?.state === "pass") figures.passed++
    })
  })
  afterAll(() => writeReport(section, figures))
}
