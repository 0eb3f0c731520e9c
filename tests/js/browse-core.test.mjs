// browse-core.js: the browse page's text filter, facet counts, sorting and URL query.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  decodeRows, defaultDir, filterRows, fold, moreTexts, parseQuery, queryTokens, rowSortRaw, rowText, selectedBadge,
  serializeQuery,
  sortKey, sortOrder, squash, textMatches,
} from "../../overrides/assets/js/browse-core.js";
import { config, random } from "./support.mjs";

const FACETS = ["branch", "category", "level", "year", "province", "agency_type", "status"];
const SORT_KEYS = ["year", "title", "agency", "province", "category", "level"];
const DEFAULT_SORT = config.browse.defaultSort;
const collator = new Intl.Collator("th", { numeric: true, sensitivity: "base" });
const english = new Intl.NumberFormat("en-US");
const format = (n) => english.format(n);

function finds(row, query) {
  return textMatches(rowText(row), queryTokens(query));
}

describe("search text", () => {
  test("folds case, Unicode forms and the two ways of typing sara am", () => {
    assert.equal(fold("Smart Licensing"), "smart licensing");
    assert.equal(fold("Cafe\u0301"), "café");  // decomposed é becomes one character (NFC)
    // สำนักงาน typed with nikhahit + sara aa (as some keyboards and PDFs give it) reads as sara am.
    assert.equal(fold("ส\u0e4d\u0e32นักงาน"), "สำนักงาน");
    assert.equal(fold("ท\u0e4d\u0e32ดี ท\u0e4d\u0e32ได้"), "ทำดี ทำได้");
    assert.equal(fold(null), "");
    assert.equal(fold(undefined), "");
  });

  test("squash removes spaces and invisible separators between words", () => {
    assert.equal(squash("โรงพยาบาล ด่าน"), "โรงพยาบาลด่าน");
    assert.equal(squash("โรงพยาบาล\u00a0ด่าน\u200bมะขาม\u2060เตี้ย\ufeff"), "โรงพยาบาลด่านมะขามเตี้ย");
    assert.equal(squash("  Smart\tLicensing\n"), "smartlicensing");
  });

  test("a query is cut into words at spaces, empty words dropped", () => {
    assert.deepEqual(queryTokens("  โรงพยาบาล   ด่าน "), ["โรงพยาบาล", "ด่าน"]);
    assert.deepEqual(queryTokens("SMART\u200blicensing"), ["smart", "licensing"]);
    assert.deepEqual(queryTokens(""), []);
    assert.deepEqual(queryTokens("   "), []);
  });

  test("Thai words are cut as the search cuts them (ICU, Intl.Segmenter)", () => {
    const th = new Intl.Segmenter("th", { granularity: "word" });
    const words = queryTokens("ลดเวลารอคอย", th);
    assert.equal(words.join(""), "ลดเวลารอคอย");
    assert.ok(words.length >= 3 && words.includes("ลด") && words.includes("เวลา"), words.join("|"));
    assert.deepEqual(queryTokens("Smart FDA", th), ["smart", "fda"]);
    assert.deepEqual(queryTokens("4.0", th), ["4.0"]);
    // Each word may stand anywhere in the row, as in the search: "ลดระยะเวลาการรอคอย" is found.
    const text = rowText(["ลดระยะเวลาการรอคอยของผู้ป่วย", "", ""]);
    assert.ok(textMatches(text, queryTokens("ลดเวลารอคอย", th)));
    assert.ok(!textMatches(text, queryTokens("ลดเวลารอคอย")));
  });

  const hospital = ["ลดระยะเวลารอคอยด้วยระบบนัดหมาย", "โรงพยาบาลด่านมะขามเตี้ย", "Dan Makham Tia Hospital"];

  test("spaces in the query or in the row do not matter", () => {
    assert.ok(finds(hospital, "โรงพยาบาล ด่าน"));
    assert.ok(finds(hospital, "โรงพยาบาลด่าน"));
    assert.ok(finds(hospital, "ด่าน โรงพยาบาล"), "each word may be anywhere");
    const spaced = ["ระบบนัดหมาย", "โรงพยาบาล ด่านมะขามเตี้ย", ""];
    assert.ok(finds(spaced, "โรงพยาบาลด่าน"));
    assert.ok(finds(spaced, "พยาบาลด่านมะ"), "a word may start inside a Thai word");
  });

  test("English names and sara am typed either way match", () => {
    assert.ok(finds(hospital, "dan makham"));
    assert.ok(finds(hospital, "HOSPITAL"));
    const office = ["ยกระดับการบริการ", "สำนักงานคณะกรรมการอาหารและยา", ""];
    assert.ok(finds(office, "ส\u0e4d\u0e32นักงาน"));
    const typedOtherWay = ["", "ส\u0e4d\u0e32นักงานเขต", ""];
    assert.ok(finds(typedOtherWay, "สำนักงาน"));
  });

  test("every word must occur, and a word never spans two columns", () => {
    assert.ok(!finds(hospital, "โรงพยาบาล โรงเรียน"));
    assert.ok(!finds(hospital, "ระบบนัดหมายโรงพยาบาล"), "title and agency are searched apart");
    assert.ok(finds(hospital, ""), "an empty query finds every row");
  });
});

describe("filtering rows", () => {
  // A generated table: for each facet, the rows' value indexes (size = a value without a checkbox).
  function table(seed, nRows, sizes) {
    const next = random(seed);
    const words = ["โรงพยาบาล", "ด่าน", "ระบบ", "ชุมชน", "smart", "สำนักงาน", "เทศบาล"];
    return Array.from({ length: nRows }, () => ({
      text: rowText([words[Math.floor(next() * words.length)] + words[Math.floor(next() * words.length)], "", ""]),
      values: Uint16Array.from(sizes, (size) => Math.floor(next() * (size + 1))),
    }));
  }
  function facetsFor(seed, sizes) {
    const next = random(seed);
    return sizes.map((size) => {
      const selected = Uint8Array.from({ length: size + 1 }, (_, i) => (i < size && next() < 0.3 ? 1 : 0));
      return { size, selected, active: selected.some((s) => s === 1) };
    });
  }
  // The definition, row by row: a row matches when its text has every word and, in every facet
  // with a ticked value, its value is ticked; a value's count is how many rows would match with
  // that value ticked (instead of the facet's own choice) and the other facets as they are.
  function expected(rows, facets, tokens, limit) {
    const ok = (row, skip) => facets.every((facet, f) => f === skip || !facet.active || facet.selected[row.values[f]] === 1);
    const matching = rows.map((row) => textMatches(row.text, tokens) && ok(row, -1));
    let seen = 0;
    const visible = matching.map((m) => (m && ++seen <= limit ? 1 : 0));
    const tallies = facets.map((facet, f) => Array.from({ length: facet.size + 1 }, (_, v) =>
      rows.filter((row) => row.values[f] === v && textMatches(row.text, tokens) && ok(row, f)).length));
    return { visible: Array.from(visible), shown: matching.filter(Boolean).length, tallies };
  }

  test("matches and counts agree with the definition on generated tables", () => {
    const sizes = [3, 5, 2, 4];
    for (let seed = 1; seed <= 60; seed++) {
      const rows = table(seed, 80, sizes);
      const facets = facetsFor(seed * 7, sizes);
      for (const query of ["", "โรงพยาบาล", "ด่าน ระบบ", "smart", "ไม่มีคำนี้"]) {
        const tokens = queryTokens(query);
        const limit = 1 + (seed % 30);
        const got = filterRows(rows, facets, tokens, limit);
        const want = expected(rows, facets, tokens, limit);
        assert.equal(got.shown, want.shown, `seed ${seed}, ${query}`);
        assert.deepEqual(Array.from(got.visible), want.visible, `seed ${seed}, ${query}`);
        assert.deepEqual(got.tallies.map((t) => Array.from(t)), want.tallies, `seed ${seed}, ${query}`);
      }
    }
  });

  test("values within a facet are alternatives, facets narrow each other", () => {
    // branch: 0 service, 1 management; year: 0 2567, 1 2566.
    const rows = [
      { text: rowText(["ระบบนัดหมาย", "โรงพยาบาลด่าน", ""]), values: Uint16Array.of(0, 0) },
      { text: rowText(["ระบบคิว", "โรงพยาบาลน่าน", ""]), values: Uint16Array.of(1, 0) },
      { text: rowText(["ชุมชนเข้มแข็ง", "เทศบาลตำบล", ""]), values: Uint16Array.of(0, 1) },
    ];
    const facet = (size, ticked) => {
      const selected = new Uint8Array(size + 1);
      ticked.forEach((i) => { selected[i] = 1; });
      return { size, selected, active: ticked.length > 0 };
    };
    let got = filterRows(rows, [facet(2, [0, 1]), facet(2, [])], [], 10);
    assert.deepEqual(Array.from(got.visible), [1, 1, 1]);
    got = filterRows(rows, [facet(2, [0]), facet(2, [0])], [], 10);
    assert.deepEqual(Array.from(got.visible), [1, 0, 0]);
    // Ticking "management" as well would show one more row of 2567: its count is 1.
    assert.deepEqual(Array.from(got.tallies[0]), [1, 1, 0]);
    got = filterRows(rows, [facet(2, []), facet(2, [])], queryTokens("โรงพยาบาล"), 10);
    assert.equal(got.shown, 2);
    assert.deepEqual(Array.from(got.tallies[1]), [2, 0, 0]);
  });

  test("a facet where a row has several values (tags) matches any ticked value and counts each", () => {
    // facet 0: pattern (0 e-service, 1 networking, 2 data); rows have 0, 1 or 2 of them.
    const rows = [
      { text: rowText(["ก", "", ""]), values: Uint16Array.of(3), sets: [[0, 1]] },
      { text: rowText(["ข", "", ""]), values: Uint16Array.of(3), sets: [[1]] },
      { text: rowText(["ค", "", ""]), values: Uint16Array.of(3), sets: [[]] },
    ];
    const facet = (ticked) => {
      const selected = new Uint8Array(4);
      ticked.forEach((i) => { selected[i] = 1; });
      return { size: 3, selected, active: ticked.length > 0, multi: true };
    };
    let got = filterRows(rows, [facet([])], [], 10);
    assert.deepEqual(Array.from(got.visible), [1, 1, 1]);
    assert.deepEqual(Array.from(got.tallies[0]), [1, 2, 0, 0]);
    got = filterRows(rows, [facet([0])], [], 10);
    assert.deepEqual(Array.from(got.visible), [1, 0, 0]);
    assert.deepEqual(Array.from(got.tallies[0]), [1, 2, 0, 0]);  // ticking networking too adds row 2
    got = filterRows(rows, [facet([0, 1])], [], 10);
    assert.deepEqual(Array.from(got.visible), [1, 1, 0]);
  });

  test("only the first page of matches is displayed, the count tells them all", () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ text: rowText([`ผลงาน ${i}`, "", ""]), values: new Uint16Array(0) }));
    const got = filterRows(rows, [], queryTokens("ผลงาน"), config.browse.pageSize);
    assert.equal(got.shown, 120);
    assert.equal(Array.from(got.visible).filter(Boolean).length, Math.min(120, config.browse.pageSize));
    assert.equal(got.visible[0], 1);
  });

  test("the line under the table tells what is displayed and what is left", () => {
    assert.deepEqual(moreTexts(5000, 50, 50, format), {
      rest: 4950,
      text: "แสดงในตาราง 50 ผลงานแรก ยังมีอีก 4,950 ผลงาน",
      button: "แสดงเพิ่มอีก 50 ผลงาน",
    });
    assert.equal(moreTexts(120, 100, 50, format).button, "แสดงเพิ่มอีก 20 ผลงาน");
    assert.equal(moreTexts(30, 50, 50, format).rest, 0);
    assert.equal(selectedBadge(0), "");
    assert.equal(selectedBadge(3), "(เลือก 3)");
  });
});

describe("sorting", () => {
  test("a column first sorts newest year first, anything else from A to Z", () => {
    assert.equal(defaultDir("year"), "desc");
    assert.equal(defaultDir("title"), "asc");
    assert.equal(defaultDir("level"), "asc");
  });

  test("sort keys: years as numbers, levels by rank, text as NFC without surrounding space", () => {
    const rank = new Map([["excellent", 0], ["good", 1], ["applied", 2]]);
    assert.equal(sortKey("year", "2567", rank), 2567);
    assert.equal(sortKey("year", "", rank), 0);
    assert.equal(sortKey("year", null, rank), 0);
    assert.equal(sortKey("level", "good", rank), 1);
    assert.equal(sortKey("level", "unknown", rank), 3, "unknown levels after every known one");
    assert.equal(sortKey("level", null, rank), 3);
    assert.equal(sortKey("title", "  Cafe\u0301 โรงพยาบาล \n", rank), "Café โรงพยาบาล");
    assert.equal(sortKey("agency", undefined, rank), "");
  });

  test("Thai text sorts in dictionary order: leading vowels do not count first", () => {
    const titles = ["ขยะเป็นศูนย์", "ไก่ไข่อารมณ์ดี", "เกษตรแปลงใหญ่", "กองทุนหมู่บ้าน"];
    const order = sortOrder(titles.map((t) => sortKey("title", t)), "asc", collator).map((i) => titles[i]);
    // ไก่ and เกษตร sort under ก, before ข.
    assert.equal(order[order.length - 1], "ขยะเป็นศูนย์");
    assert.deepEqual(new Set(order.slice(0, 3)), new Set(["ไก่ไข่อารมณ์ดี", "เกษตรแปลงใหญ่", "กองทุนหมู่บ้าน"]));
    const numbered = ["ระยะที่ 10", "ระยะที่ 2", "ระยะที่ 1"];
    assert.deepEqual(sortOrder(numbered, "asc", collator).map((i) => numbered[i]), ["ระยะที่ 1", "ระยะที่ 2", "ระยะที่ 10"]);
  });

  test("numbers sort both ways; equal keys keep the page's order in either direction", () => {
    const years = [2567, 2564, 2567, 2566, 2564];
    assert.deepEqual(sortOrder(years, "desc", collator), [0, 2, 3, 1, 4]);
    assert.deepEqual(sortOrder(years, "asc", collator), [1, 4, 3, 0, 2]);
    const same = ["กรม", "กรม", "กรม"];
    assert.deepEqual(sortOrder(same, "desc", collator), [0, 1, 2]);
  });
});

describe("the URL query", () => {
  const example = "?branch=service&year=2567&year=2564&q=%E0%B9%82%E0%B8%A3%E0%B8%87%E0%B8%9E%E0%B8%A2%E0%B8%B2%E0%B8%9A%E0%B8%B2%E0%B8%A5&sort=title&dir=asc";

  test("reads repeated facets, Thai text and the sort", () => {
    const state = parseQuery(example, FACETS, SORT_KEYS, DEFAULT_SORT);
    assert.deepEqual(state.selected.year, ["2567", "2564"]);
    assert.deepEqual(state.selected.branch, ["service"]);
    assert.deepEqual(state.selected.level, []);
    assert.equal(state.q, "โรงพยาบาล");
    assert.equal(state.sort, "title");
    assert.equal(state.dir, "asc");
  });

  test("an unknown column or direction falls back to the default", () => {
    let state = parseQuery("?sort=bogus&dir=asc", FACETS, SORT_KEYS, DEFAULT_SORT);
    assert.equal(state.sort, DEFAULT_SORT);
    assert.equal(state.dir, "asc");
    state = parseQuery("?sort=agency&dir=sideways", FACETS, SORT_KEYS, DEFAULT_SORT);
    assert.deepEqual([state.sort, state.dir], ["agency", "asc"]);
    state = parseQuery("", FACETS, SORT_KEYS, DEFAULT_SORT);
    assert.deepEqual([state.sort, state.dir, state.q], [DEFAULT_SORT, defaultDir(DEFAULT_SORT), ""]);
  });

  test("writes what it reads: repeated parameters, Thai and signs round trip", () => {
    const views = [
      { selected: { year: ["2567", "2564"], branch: ["service"] }, q: "โรงพยาบาล ด่าน", sort: "title", dir: "asc" },
      { selected: { category: ["service/x", "management/y"], province: ["chiang-mai"] }, q: "C&D = A+B / 50%", sort: "year", dir: "asc" },
      { selected: { status: ["complete"] }, q: "สำนักงาน", sort: DEFAULT_SORT, dir: defaultDir(DEFAULT_SORT) },
      { selected: {}, q: "", sort: "level", dir: "desc" },
    ];
    for (const view of views) {
      const query = serializeQuery("", view, FACETS, DEFAULT_SORT);
      const back = parseQuery("?" + query, FACETS, SORT_KEYS, DEFAULT_SORT);
      for (const name of FACETS) assert.deepEqual(back.selected[name], view.selected[name] || [], `${query}: ${name}`);
      assert.deepEqual([back.q, back.sort, back.dir], [view.q, view.sort, view.dir], query);
      assert.equal(serializeQuery("?" + query, back, FACETS, DEFAULT_SORT), query, "stable");
    }
    assert.equal(serializeQuery("", parseQuery(example, FACETS, SORT_KEYS, DEFAULT_SORT), FACETS, DEFAULT_SORT),
      example.slice(1));
  });

  test("the default sort and an empty query are left out; other parameters are kept", () => {
    const view = { selected: { year: ["2567"] }, q: "  โรงพยาบาล  ", sort: DEFAULT_SORT, dir: defaultDir(DEFAULT_SORT) };
    assert.equal(serializeQuery("?utm_source=line&year=2564&q=old&sort=title&dir=asc", view, FACETS, DEFAULT_SORT),
      "utm_source=line&year=2567&q=" + encodeURIComponent("โรงพยาบาล"));
    assert.equal(serializeQuery("?year=2567", { selected: {}, q: " ", sort: DEFAULT_SORT, dir: defaultDir(DEFAULT_SORT) },
      FACETS, DEFAULT_SORT), "");
    const other = serializeQuery("", { selected: {}, q: "", sort: DEFAULT_SORT, dir: "asc" }, FACETS, DEFAULT_SORT);
    assert.equal(other, `sort=${DEFAULT_SORT}&dir=asc`);
  });
});

describe("the rows' data (browse/rows.json)", () => {
  // Two rows as macros/pages/browse.py render_rows_data writes them: its fields, in its order, by
  // column (a list per part for the composite fields).
  const fields = ["key", "facetValues", "facetSets", "extra", "title", "status", "statusLabel", "summary", "agency",
    "province", "category", "level", "hrefs", "marks"];
  const composite = ["facetValues", "facetSets", "hrefs"];
  const rows = [
    ["2567/a", ["service", "2567"], [["3", "9"]], "Smart Hospital", "โรงพยาบาลอัจฉริยะ", "", "", "ลดเวลารอ",
      "โรงพยาบาลหนึ่ง", "ขอนแก่น", "บริการ / ก", "ดีเด่น", ["y", "c", "a", "p", "k"], 0],
    ["2566/b", ["unknown-branch", "2566"], [[]], "", "ศูนย์บริการ", "summary", "สรุป", "", "เทศบาล", "ตาก",
      "บริการ / ข", "ดี", ["y2", "c2", "a2", "p2", "k2"], { province: "เหตุผล" }],
  ];
  const columns = {};
  fields.forEach((field, i) => {
    columns[field] = composite.includes(field)
      ? rows[0][i].map((_, part) => rows.map((row) => row[i][part])) : rows.map((row) => row[i]);
  });
  const data = { fields, composite, count: rows.length, facets: ["branch", "year"], multi: ["sdg"], columns };
  const facet = (name, values, multi) => ({ name, multi, index: new Map(values.map((v, i) => [v, i])),
    size: values.length });
  const facets = [facet("year", ["2567", "2566"], false), facet("sdg", ["9", "3"], true),
    facet("branch", ["service"], false)];

  test("reads each field by name and each facet value as its checkbox's position, in the form's order", () => {
    const rows = decodeRows(data, facets);
    assert.deepEqual(rows.map((r) => r.key), ["2567/a", "2566/b"]);
    assert.deepEqual(rows.map((r) => r.position), [0, 1]);
    assert.equal(rows[1].statusLabel, "สรุป");
    assert.deepEqual(rows[1].marks, { province: "เหตุผล" });
    assert.deepEqual(Array.from(rows[0].values), [0, 2, 0]);  // the multi facet's slot is its size
    assert.deepEqual(rows[0].sets[1], [1, 0]);  // SDG 3 and 9: boxes 1 and 0
    assert.deepEqual(rows[1].sets[1], []);
    assert.equal(rows[1].values[2], 1);  // a value with no checkbox: the facet's size
    assert.equal(rows[0].el, null);  // built when first shown
    assert.deepEqual(rows[1].hrefs, ["y2", "c2", "a2", "p2", "k2"]);
    assert.deepEqual(rows[0].facetSets, [["3", "9"]]);
  });

  test("searches the title, the agency and the English names, and sorts by the column's value", () => {
    const rows = decodeRows(data, facets);
    assert.ok(textMatches(rows[0].text, queryTokens("smart hos")));
    assert.ok(textMatches(rows[0].text, queryTokens("หนึ่ง")));
    assert.ok(!textMatches(rows[0].text, queryTokens("ลดเวลา")));  // the impact: once the texts are loaded
    assert.equal(rowSortRaw(rows[1], "year", data), "2566");
    assert.equal(rowSortRaw(rows[0], "title", data), "โรงพยาบาลอัจฉริยะ");
    assert.equal(rowSortRaw(rows[1], "category", data), "บริการ / ข");
  });
});
