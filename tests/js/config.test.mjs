// config.js: the page's JSON config block and the site's root.
import assert from "node:assert/strict";
import { test } from "node:test";

import { CONFIG_ID, readConfig, rootUrl } from "../../overrides/assets/js/config.js";
import { config } from "./support.mjs";

function page(blocks) {
  return { getElementById: (id) => (id in blocks ? { textContent: blocks[id] } : null) };
}

test("reads the page's config block", () => {
  assert.deepEqual(readConfig(page({ [CONFIG_ID]: JSON.stringify(config) })), config);
  // As macros/scriptconfig.py escapes it: "<" and ">" as \u escapes read back as themselves.
  assert.deepEqual(readConfig(page({ [CONFIG_ID]: '{"x":"\\u003c/script\\u003e\\u0026"}' })), { x: "</script>&" });
});

test("no block, or one that is not JSON: null, and the page stays as built", (t) => {
  t.mock.method(console, "error", () => {});
  assert.equal(readConfig(page({})), null);
  assert.equal(readConfig(page({ [CONFIG_ID]: "{broken" })), null);
  assert.equal(console.error.mock.calls.length, 1);
});

test("the site's root from mkdocs' base_url on any page", () => {
  const site = "https://example.org/psea-kb/";
  assert.equal(rootUrl(".", site).href, site);
  assert.equal(rootUrl("..", site + "browse/").href, site);
  assert.equal(rootUrl("../../..", site + "cases/2567/smart-fda/").href, site);
  assert.equal(rootUrl("../../..", site + "cases/2567/smart-fda/index.html").href, site);
  // 404.html is served from any folder: its base is a path from the host.
  assert.equal(rootUrl("/psea-kb/", site + "no/such/page/").href, site);
  assert.equal(rootUrl("/psea-kb", site + "x/").href, site);
  assert.equal(rootUrl("", site).href, site);
  assert.equal(new URL(config.search.bundle, rootUrl("..", site + "search/")).href, site + "pagefind/");
});
