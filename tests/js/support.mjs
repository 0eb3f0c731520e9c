// Shared by the node tests of the scripts' pure cores (overrides/assets/js/*-core.js).
import { readFileSync } from "node:fs";

export const JS_DIR = new URL("../../overrides/assets/js/", import.meta.url);

/* The page config the scripts read (#psea-config), as macros/scriptconfig.py writes it:
 * tests/test_js_unit.py passes the build's own in PSEA_SCRIPT_CONFIG. Run alone (`npm test`), the
 * tests use this copy of its values (macros/search/thai.py SPACE, JOIN and THAI_RANGE;
 * macros/facets.py SEARCH_FACETS; macros/pages/browse.py PAGE_SIZE). */
export const config = process.env.PSEA_SCRIPT_CONFIG
  ? JSON.parse(process.env.PSEA_SCRIPT_CONFIG)
  : {
    base: ".",
    search: {
      bundle: "pagefind/",
      labels: "search/facets.json",
      facets: ["branch", "category", "level", "year", "province", "agency_type"],
      marks: { space: "\u2063", join: "\u2060", thai: "\u0e00-\u0e7f" },
    },
    browse: { pageSize: 50, defaultSort: "year" },
  };

/* [page text, the same text as Pagefind gives it back from the index macros/search/ writes]
 * pairs, written by tests/test_js_unit.py (PSEA_SEGMENTED: a JSON file); null when run alone. */
export function segmentedSamples() {
  const path = process.env.PSEA_SEGMENTED;
  return path ? JSON.parse(readFileSync(path, "utf-8")) : null;
}

/* A small deterministic random number generator (mulberry32), for generated cases that are the
 * same on every run. */
export function random(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
