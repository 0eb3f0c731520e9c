import assert from "node:assert/strict";
import { test } from "node:test";

import { parseLines } from "../../overrides/assets/js/source-lines-core.js";

test("one line and a range, as links write them", () => {
  assert.deepEqual(parseLines("#L149", 600), { first: 149, last: 149 });
  assert.deepEqual(parseLines("#L149-L190", 600), { first: 149, last: 190 });
  assert.deepEqual(parseLines("#L149-190", 600), { first: 149, last: 190 });
});

test("a reversed range is put in order, a range past the end is cut at the last line", () => {
  assert.deepEqual(parseLines("#L190-L149", 600), { first: 149, last: 190 });
  assert.deepEqual(parseLines("#L590-L700", 600), { first: 590, last: 600 });
});

test("anything else names no line", () => {
  for (const hash of ["", "#", "#ผลลัพธ์", "#L0", "#L601", "#Lx", "#L1-Lx", "L10"]) {
    assert.equal(parseLines(hash, 600), null, hash);
  }
});
