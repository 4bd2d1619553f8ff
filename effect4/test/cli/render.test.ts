import { describe, expect, it } from "@effect/vitest"
import { barChart, colourWanted, money, paint, table } from "../../src/internal/cli/render.js"

describe("colour", () => {
  it.each(
    [
      [{}, true, true],
      [{}, false, false],
      [{ NO_COLOR: "1" }, true, false],
      [{ NO_COLOR: "" }, true, true],
      [{ FORCE_COLOR: "1" }, false, true],
      [{ FORCE_COLOR: "0" }, false, false],
      [{ NO_COLOR: "1", FORCE_COLOR: "1" }, true, false]
    ] as const
  )("env %j on a terminal %s: colour %s", (env, isTTY, expected) => {
    expect(colourWanted(env, isTTY)).toBe(expected)
  })

  it("no escape sequence at all without colour", () => {
    const plain = paint(false)
    expect([plain.bold("a"), plain.red("b"), plain.green("c")].join("")).toBe("abc")
    expect(paint(true).red("b")).toBe("\x1b[31mb\x1b[39m")
  })
})

describe("figures", () => {
  it.each(
    [
      [74.5, "$74.50"],
      [0, "$0.00"],
      [0.0125, "$0.0125"],
      [null, "-"]
    ] as const
  )("money(%s) is %s", (usd, shown) => expect(money(usd)).toBe(shown))

  it("a bar chart scales to the largest value; a value above zero gets at least one cell", () => {
    expect(barChart([{ label: "a", value: 10 }, { label: "bb", value: 0.01 }, { label: "c", value: 0 }], 10)).toEqual([
      `a   ${"█".repeat(10)}  $10.00`,
      `bb  █${" ".repeat(9)}  $0.01`,
      `c   ${" ".repeat(10)}  $0.00`
    ])
    expect(barChart([], 10)).toEqual([])
  })

  it("a table pads every column but the last", () => {
    expect(table([["a", "bbb", "c"], ["dddd", "e", "ffff"]])).toEqual(["a     bbb  c", "dddd  e    ffff"])
  })
})
