/**
 * The bin's human output: money, times, colour (only on a terminal, never with `NO_COLOR`) and the activity chart.
 * Plain TypeScript.
 *
 * @internal
 */

/**
 * Whether to colour what goes to standard output: on a terminal without `NO_COLOR`, or when `FORCE_COLOR` asks.
 *
 * @internal
 */
export const colourWanted = (env: NodeJS.ProcessEnv, isTTY: boolean): boolean => {
  if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return false
  const force = env["FORCE_COLOR"]
  if (force !== undefined && force !== "" && force !== "0") return true
  return isTTY
}

/**
 * How to paint text: ANSI colours, or none.
 *
 * @internal
 */
export interface Paint {
  readonly bold: (text: string) => string
  readonly dim: (text: string) => string
  readonly red: (text: string) => string
  readonly green: (text: string) => string
  readonly yellow: (text: string) => string
}

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`

/**
 * A paint that colours when `colour` says so.
 *
 * @internal
 */
export const paint = (colour: boolean): Paint =>
  colour
    ? { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39) }
    : { bold: String, dim: String, red: String, green: String, yellow: String }

/**
 * US dollars as people read them: cents, or four decimals for an amount below a dollar that cents would round (a
 * generation's cost).
 *
 * @internal
 */
export const money = (usd: number | null | undefined): string =>
  usd === null || usd === undefined
    ? "-"
    : Math.abs(usd) < 1 && Math.abs(usd * 100 - Math.round(usd * 100)) > 1e-9
    ? `$${usd.toFixed(4)}`
    : `$${usd.toFixed(2)}`

/**
 * A time as `2026-10-12 00:00 UTC`.
 *
 * @internal
 */
export const when = (at: Date | null | undefined): string =>
  at === null || at === undefined ? "never" : `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`

/**
 * What a layer is called in a sentence.
 *
 * @internal
 */
export const layerName = (layer: string, scope: string | null): string =>
  layer === "account"
    ? "the account's balance"
    : layer === "unbounded"
    ? "nothing"
    : scope === null || scope === "key_limit"
    ? "the key's own limit"
    : `the ${scope.replaceAll("_", " ")} budget`

/**
 * One bar per row, as long as its value against the largest (`width` cells at most), with its label and value.
 *
 * @internal
 */
export const barChart = (
  rows: ReadonlyArray<{ readonly label: string; readonly value: number }>,
  width: number,
  bar: (text: string) => string = String
): ReadonlyArray<string> => {
  const largest = rows.reduce((max, row) => Math.max(max, row.value), 0)
  const labelWidth = rows.reduce((max, row) => Math.max(max, row.label.length), 0)
  return rows.map((row) => {
    const cells = largest === 0 ? 0 : Math.max(row.value > 0 ? 1 : 0, Math.round((row.value / largest) * width))
    return `${row.label.padEnd(labelWidth)}  ${bar("█".repeat(cells))}${" ".repeat(width - cells)}  ${money(row.value)}`
  })
}

/**
 * A table with its columns padded to their widest cell.
 *
 * @internal
 */
export const table = (rows: ReadonlyArray<ReadonlyArray<string>>): ReadonlyArray<string> => {
  const widths = rows.reduce<Array<number>>(
    (acc, row) => row.map((cell, i) => Math.max(acc[i] ?? 0, cell.length)),
    []
  )
  return rows.map((row) => row.map((cell, i) => i === row.length - 1 ? cell : cell.padEnd(widths[i]!)).join("  "))
}

/**
 * `n` requests, in words.
 *
 * @internal
 */
export const requests = (n: number): string => `${n} request${n === 1 ? "" : "s"}`
