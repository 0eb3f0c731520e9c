// search-core.js: Thai read back from the word-cut index, excerpts, the search page's URL state,
// filters and filter options.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  arrowTarget, categoryFits, filtersOf, headerStatus, metaLine, pageStatus, pagefindWords, readLabels, readState,
  searchOptions, searchUrl, selectOptions, SORTS, textTools,
} from "../../overrides/assets/js/search-core.js";
import { config, segmentedSamples } from "./support.mjs";

const FACETS = config.search.facets;
const { space: SPACE, join: JOIN } = config.search.marks;
const text = textTools(config.search.marks);
const count = (n) => n.toLocaleString("th-TH");

// Index text as macros/search.py writes it: words with one space between, the marks words of
// their own.
const words = (...parts) => parts.join(" ");

describe("reading the index's text back", () => {
  test("words of the index, and whether Pagefind glued them (zero-width space)", () => {
    assert.deepEqual(pagefindWords("ผล งาน  ดี"), { words: ["ผล", "งาน", "ดี"], glued: [false, false, false] });
    assert.deepEqual(pagefindWords("โรง\u200bพยาบาล"), { words: ["โรง", "พยาบาล"], glued: [false, true] });
    assert.deepEqual(pagefindWords(null), { words: [""], glued: [false] });
  });

  test("no space between Thai words the index cut", () => {
    assert.equal(text.showText(words("โรง", "พยาบาล", "ด่าน", "มะขาม", "เตี้ย")), "โรงพยาบาลด่านมะขามเตี้ย");
    assert.equal(text.showText("กรม พัฒนา ธุรกิจ การค้า"), "กรมพัฒนาธุรกิจการค้า");
  });

  test("SPACE puts back a space the page has between Thai words", () => {
    assert.equal(text.showText(words("โรง", "พยาบาล", SPACE, "ด่าน", "มะขาม", "เตี้ย")), "โรงพยาบาล ด่านมะขามเตี้ย");
    assert.equal(text.showText(words("ผล", "งาน", SPACE, JOIN, "ดี")), "ผลงาน ดี", "SPACE wins over JOIN");
    assert.equal(text.showText(words(SPACE, "ผล", "งาน", SPACE)), "ผลงาน", "no space at the edges");
  });

  test("Latin text keeps its spaces; JOIN glues Thai to other letters, digits and signs", () => {
    assert.equal(text.showText("Smart Licensing"), "Smart Licensing");
    assert.equal(text.showText(words("ระบบ", "Smart", "Licensing")), "ระบบ Smart Licensing");
    assert.equal(text.showText(words("ปี", JOIN, "2567")), "ปี2567");
    assert.equal(text.showText(words("ปี", "2567")), "ปี 2567");
    assert.equal(text.showText(words("(", JOIN, "ฉบับ", JOIN, ")")), "(ฉบับ)");
    assert.equal(text.showText(words("พ", JOIN, ".", JOIN, "ศ", JOIN, ".", "2567")), "พ.ศ. 2567");
    assert.equal(text.showText(words('"', JOIN, "คำ", JOIN, '"', "ลด", "เวลา", "50%")), '"คำ" ลดเวลา 50%');
  });

  test("Pagefind's own cuts (zero-width spaces, a build without ICU) show nothing between", () => {
    assert.equal(text.showText("โรง\u200bพยาบาล ด่าน"), "โรงพยาบาลด่าน");
    assert.equal(text.showText("ปี\u200b2567"), "ปี2567");
  });

  test("pieces keep the index's word positions, so highlights stay on their words", () => {
    const index = pagefindWords(words("การ", "ลด", SPACE, "เวลา", "Smart", JOIN, "ไทย"));
    assert.deepEqual(text.showWords(index, 0, index.words.length), [
      ["การ", 0], ["ลด", 1], [" ", -1], ["เวลา", 3], [" ", -1], ["Smart", 4], ["ไทย", 6],
    ]);
    assert.deepEqual(text.showWords(index, 3, 5), [["เวลา", 3], [" ", -1], ["Smart", 4]]);
    assert.ok(text.isMark(SPACE) && text.isMark(JOIN) && !text.isMark("ไทย") && !text.isMark(" "));
  });

  test("titles and excerpts cut by macros/search.py read as their pages", (t) => {
    const samples = segmentedSamples();
    if (!samples) {
      t.skip("PSEA_SEGMENTED not set: tests/test_js_unit.py writes the samples from the Python cutter");
      return;
    }
    assert.ok(samples.length >= 10, "too few samples to prove anything");
    for (const [page, index] of samples) {
      assert.equal(text.showText(index), page, index);
    }
  });
});

describe("excerpts", () => {
  const numbered = (n) => Array.from({ length: n }, (_, i) => "w" + i).join(" ");

  test("a window around the densest matches, starting six words before", () => {
    const got = text.excerpt({ content: numbered(100), locations: [64, 5, 60, 62] }, 10);
    assert.ok(got.before && got.after);
    assert.deepEqual(got.pieces.filter((p) => p[0] !== " ").map((p) => p[0]), [
      "w56", "w57", "w58", "w59", "w60", "w61", "w62", "w63", "w64", "w65"]);
    assert.deepEqual(got.pieces.filter((p) => p[1]).map((p) => p[0]), ["w60", "w62", "w64"]);
  });

  test("from the start when nothing matched, to the end when the text is short", () => {
    let got = text.excerpt({ content: numbered(30), locations: [] }, 10);
    assert.deepEqual([got.before, got.after, got.pieces[0][0]], [false, true, "w0"]);
    got = text.excerpt({ content: numbered(8), locations: [2] }, 10);
    assert.deepEqual([got.before, got.after], [false, false]);
  });

  test("Thai excerpts: marks are not counted as words and highlights land on the matched words", () => {
    const content = words("ผู้", "ป่วย", SPACE, "ไม่", "ต้อง", "รอ", "คอย", "นาน", JOIN, "(", JOIN, "ลด", "ระยะ", "เวลา",
      JOIN, ")", SPACE, "ใน", "ปี", JOIN, "2567");
    const index = pagefindWords(content).words;
    const at = (word) => index.indexOf(word);
    const got = text.excerpt({ content, locations: [at("ระยะ"), at("เวลา")] }, 6);
    // The window starts six index words (marks included) before the match whose window holds most.
    const shown = got.pieces.map((p) => p[0]).join("");
    assert.equal(shown, "นาน(ลดระยะเวลา)");
    assert.deepEqual(got.pieces.filter((p) => p[1]).map((p) => p[0]), ["ระยะ", "เวลา"]);
    assert.ok(got.before && got.after);
    const whole = text.excerpt({ content, locations: [at("ผู้")] }, 40);
    assert.equal(whole.pieces.map((p) => p[0]).join(""), "ผู้ป่วย ไม่ต้องรอคอยนาน(ลดระยะเวลา) ในปี2567");
    assert.deepEqual([whole.before, whole.after], [false, false]);
  });

  test("the line under a title: agency and year", () => {
    assert.equal(metaLine({ agency: "โรงพยาบาลด่านมะขามเตี้ย", year: "2567", title: "x" }), "โรงพยาบาลด่านมะขามเตี้ย · ปี 2567");
    assert.equal(metaLine({ year: "2566" }), "ปี 2566");
    assert.equal(metaLine(undefined), "");
  });
});

describe("the search page's state", () => {
  const page = "https://example.org/psea-kb/search/";

  test("a state round trips through the URL, Thai included; empty values are left out", () => {
    const state = { q: "โรงพยาบาล ด่าน", sort: "year-desc", branch: "service", category: "", level: "", year: "2567", province: "", agency_type: "" };
    const url = searchUrl(page, state, FACETS);
    assert.ok(url.startsWith(page + "?q="), url);
    assert.ok(!/category=|level=|province=|agency_type=/.test(url), url);
    assert.deepEqual(readState(new URL(url).search, FACETS), state);
    assert.equal(searchUrl(page, { q: "" }, FACETS), page);
  });

  test("reading trims the query and gives every filter a value", () => {
    const state = readState("?q=%20%E0%B8%9B%E0%B8%B5%20&year=2566&year=2567&utm=x", FACETS);
    assert.equal(state.q, "ปี");
    assert.equal(state.year, "2566", "one value per filter: the first");
    for (const name of FACETS) assert.equal(typeof state[name], "string");
  });

  test("Pagefind's filters and sort for a state", () => {
    const state = { q: "", sort: "year-asc", branch: "service", category: "", level: "excellent", year: "", province: "" };
    assert.deepEqual(filtersOf(state, FACETS), { branch: "service", level: "excellent" });
    assert.deepEqual(searchOptions(state, FACETS), { filters: { branch: "service", level: "excellent" }, sort: { year: "asc" } });
    assert.deepEqual(searchOptions({ sort: "bogus" }, FACETS).sort, {});
    assert.deepEqual(Object.keys(SORTS), ["year-desc", "year-asc"]);
  });

  test("a category belongs to one branch", () => {
    assert.ok(categoryFits("service/one-stop", "service"));
    assert.ok(!categoryFits("service/one-stop", "management"));
    assert.ok(categoryFits("", "management"));
    assert.ok(categoryFits("service/one-stop", ""));
  });
});

describe("filter options", () => {
  const labels = readLabels({
    branch: [["service", "สาขาการบริการภาครัฐ"], ["management", "สาขาการบริหารราชการ"]],
    category: [["service/one-stop", "สาขาการบริการภาครัฐ: ศูนย์บริการ"], ["management/pmqa", "สาขาการบริหารราชการ: PMQA"]],
    year: [["2567", "2567"], ["2566", "2566"]],
  });
  const empty = { q: "", sort: "", branch: "", category: "", level: "", year: "", province: "" };

  test("before counts are known: every value in taxonomy order, labelled", () => {
    assert.deepEqual(selectOptions("branch", empty, labels, null, "ทุกสาขา", count), [
      ["", "ทุกสาขา"], ["service", "สาขาการบริการภาครัฐ"], ["management", "สาขาการบริหารราชการ"]]);
    // A category names its branch while no branch is chosen.
    assert.deepEqual(selectOptions("category", empty, labels, null, "ทุกประเภท", count)[1],
      ["service/one-stop", "สาขาการบริการภาครัฐ: ศูนย์บริการ · สาขาการบริการภาครัฐ"]);
    assert.deepEqual(selectOptions("category", { ...empty, branch: "service" }, labels, null, "ทุกประเภท", count)[1],
      ["service/one-stop", "สาขาการบริการภาครัฐ: ศูนย์บริการ"]);
    // Without labels (facets.json not loaded), the values themselves.
    assert.deepEqual(selectOptions("year", { ...empty, year: "2560" }, readLabels({}), null, "ทุกปี", count),
      [["", "ทุกปี"], ["2560", "2560"]]);
  });

  test("with counts: values that would leave no result are dropped, the chosen one kept", () => {
    const counts = {
      filters: { year: { "2567": 12, "2566": 0, "2565": 1234 } },
      total: { year: { "2567": 40, "2566": 3, "2565": 2000 } },
    };
    assert.deepEqual(selectOptions("year", empty, labels, counts, "ทุกปี", count), [
      ["", "ทุกปี"], ["2567", "2567 (12)"], ["2565", "2565 (1,234)"]]);
    // A filter that is set counts over all results, so another year can be picked directly.
    assert.deepEqual(selectOptions("year", { ...empty, year: "2566" }, labels, counts, "ทุกปี", count), [
      ["", "ทุกปี"], ["2567", "2567 (40)"], ["2566", "2566 (3)"], ["2565", "2565 (2,000)"]]);
    const none = { filters: { year: {} }, total: { year: {} } };
    assert.deepEqual(selectOptions("year", { ...empty, year: "2566" }, labels, none, "ทุกปี", count), [
      ["", "ทุกปี"], ["2566", "2566 (0)"]]);
  });

  test("texts shown", () => {
    assert.equal(headerStatus(0), "ไม่พบผลลัพธ์ที่ตรงกับคำค้น");
    assert.equal(headerStatus(1234), `พบ ${count(1234)} ผลลัพธ์`);
    assert.equal(pageStatus(3, "โรงพยาบาล", false), "พบ 3 ผลลัพธ์ สำหรับ “โรงพยาบาล”");
    assert.equal(pageStatus(3, "", true), "พบ 3 ผลลัพธ์");
    assert.equal(pageStatus(0, "", true), "ไม่พบผลลัพธ์ ลองเอาตัวกรองออกบางตัว");
    assert.equal(pageStatus(0, "xyz", false), "ไม่พบผลลัพธ์ ลองใช้คำอื่นหรือคำที่สั้นลง");
  });

  test("arrow keys walk the results and come back to the search box", () => {
    assert.equal(arrowTarget("ArrowDown", -1, 3), 0);
    assert.equal(arrowTarget("ArrowDown", 2, 3), -1);
    assert.equal(arrowTarget("ArrowUp", -1, 3), 2);
    assert.equal(arrowTarget("ArrowUp", 0, 3), -1);
  });
});
