// CSV injection: every text cell a spreadsheet would run as a formula is neutralised with a
// leading apostrophe; numbers are written as numbers and never prefixed.
import { describe, expect, it } from "vitest";
import { csvCell, FORMULA_PREFIXES, neutraliseText } from "@/lib/exports/csv-cell";

describe("attack: CSV formula injection through a text cell", () => {
  it("covers exactly = + - @ tab CR", () => {
    expect([...FORMULA_PREFIXES]).toEqual(["=", "+", "-", "@", "\t", "\r"]);
  });

  it.each([
    ["=1+1", "'=1+1"],
    ["-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"],
    ["+ cmd", "'+ cmd"],
    ["+1-555-0100", "'+1-555-0100"],
    ["-2", "'-2"],
    ["@SUM(1)", "'@SUM(1)"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
  ])("neutralises %j", (input, expected) => {
    expect(neutraliseText(input)).toBe(expected);
  });

  it.each([["Alice"], ["1+1"], [" =x"], ["'=x"], [""], ["x=1"]])("leaves %j alone", (input) => {
    expect(neutraliseText(input)).toBe(input);
  });

  it("csvCell: neutralises, then quotes cells with quotes, commas, CR or LF", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("-1+cmd|' /C calc'!A0")).toBe("'-1+cmd|' /C calc'!A0");
    expect(csvCell("\rx")).toBe(`"'\rx"`);
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("a,b")).toBe(`"a,b"`);
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("csvCell: numbers stay numbers, negative ones included; JSON text is neutralised like any text", () => {
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(-3n)).toBe("-3");
    expect(csvCell("-12.5")).toBe("'-12.5");
    expect(csvCell({ k: 1 })).toBe(`"{""k"":1}"`);
    expect(csvCell(new Date("2026-12-01T00:00:00Z"))).toBe("2026-12-01T00:00:00.000Z");
  });
});
