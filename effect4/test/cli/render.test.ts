import { describe, expect, it } from "@effect/vitest"
import {
  barChart,
  colourWanted,
  layerName,
  money,
  paint,
  requests,
  table,
  when
} from "../../src/internal/cli/render.js"

describe("colour", () => {
  it.each(
    [
      [{}, true, true],
      [{}, false, false],
      [{ NO_COLOR: "1" }, true, false],
      [{ NO_COLOR: "" }, true, true],
      [{ FORCE_COLOR: "1" }, false, true],
      [{ FORCE_COLOR: "0" }, false, false],
      [{ FORCE_COLOR: "" }, false, false],
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
      [-0.0125, "$-0.0125"],
      [12.3456, "$12.35"],
      [1, "$1.00"],
      [null, "-"],
      [undefined, "-"]
    ] as const
  )("money(%s) is %s", (usd, shown) => expect(money(usd)).toBe(shown))

  it("a bar chart scales to the largest value; a value above zero gets at least one cell", () => {
    expect(barChart([{ label: "a", value: 10 }, { label: "bb", value: 0.01 }, { label: "c", value: 0 }], 10)).toEqual([
      `a   ${"█".repeat(10)}  $10.00`,
      `bb  █${" ".repeat(9)}  $0.01`,
      `c   ${" ".repeat(10)}  $0.00`
    ])
    expect(barChart([{ label: "a", value: 0 }, { label: "b", value: 0 }], 4)).toEqual([
      "a        $0.00",
      "b        $0.00"
    ])
    expect(barChart([{ label: "a", value: 100 }, { label: "b", value: -1 }], 4)).toEqual([
      "a  ████  $100.00",
      "b        $-1.00"
    ])
    expect(barChart([], 10)).toEqual([])
  })

  it("a time to the minute in UTC, or never", () => {
    expect(when(new Date(Date.UTC(2026, 9, 12, 0, 0, 59)))).toBe("2026-10-12 00:00 UTC")
    expect([when(null), when(undefined)]).toEqual(["never", "never"])
  })

  it.each(
    [
      ["account", null, "the account's balance"],
      ["unbounded", null, "nothing"],
      ["key", null, "the key's own limit"],
      ["budget", "key_limit", "the key's own limit"],
      ["budget", "member", "the member budget"],
      ["budget", "api_key_daily", "the api key daily budget"]
    ] as const
  )("layer %s of scope %s is called %s", (layer, scope, name) => expect(layerName(layer, scope)).toBe(name))

  it("requests, counted in words", () => {
    expect([requests(0), requests(1), requests(2)]).toEqual(["0 requests", "1 request", "2 requests"])
  })

  it("a table pads every column but the last", () => {
    expect(table([["a", "bbb", "c"], ["dddd", "e", "ffff"]])).toEqual(["a     bbb  c", "dddd  e    ffff"])
  })
})
