/* Site search with Pagefind (index built by macros/search.py after each build).
 *
 * Two parts share one Pagefind instance, loaded only when someone starts to search:
 * - the header search box (partials/search.html): results drop down as you type, in the theme's
 *   own result markup; Enter or "ดูผลทั้งหมด" opens the search page;
 * - the search page (content/search.md, /search/?q=คำ&year=2567&sort=year-desc): all results, with
 *   filters (branch, category, level, year, province) and sorting by year; the URL always holds
 *   the current query, so results can be linked.
 *
 * This module holds the DOM; reading Thai back from the word-cut index, excerpts, URL state and
 * filter options are in search-core.js (tested under node). The index's marks, the filter names and
 * the paths of Pagefind's bundle and of the filter labels come from the page's JSON config
 * (config.js). An ES module, no inline script or style: search-boot.js (partials/psea-scripts.html)
 * imports it and calls start() when the visitor first reaches for the search, or at once on the
 * search page.
 */
import {
  arrowTarget, categoryFits, filtersOf, headerStatus, metaLine, pageStatus, readLabels, readState, searchOptions,
  searchUrl as urlOfState, selectOptions, SORTS, formatCount, textTools,
} from "./search-core.js";
import { readConfig, rootUrl } from "./config.js";

export function start() {
  const form = document.querySelector("[data-psea-search] form");
  const config = readConfig(document);
  if (!form || !config || !config.search) return;

  const FACETS = config.search.facets;
  const text = textTools(config.search.marks);
  const root = rootUrl(config.base, document.baseURI);
  const bundleUrl = new URL(config.search.bundle, root);
  const searchPageUrl = new URL(form.getAttribute("action"), document.baseURI);
  let loading = null;

  /* Pagefind ----------------------------------------------------------------------------------- */
  function pagefind() {
    if (!loading) {
      loading = import(new URL("pagefind.js", bundleUrl).href).then((pf) =>
        // Result URLs are site-relative ("/cases/…/"): prefix the folder the site is served from.
        // Search runs on the page, not in Pagefind's web worker: a search decodes a few small
        // chunks, and the worker's script is 41 KB more to download before the first results.
        pf.options({ baseUrl: root.pathname, noWorker: true }).then(() => {
          pf.init();
          return pf;
        }));
      loading.catch((err) => { loading = null; console.error("search: cannot load Pagefind", err); });
    }
    return loading;
  }

  function el(tag, className, content) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content != null) node.textContent = content;
    return node;
  }

  /* An excerpt around the matched words, built with DOM nodes (never innerHTML). */
  function excerpt(data, length) {
    const parts = text.excerpt(data, length);
    const out = el("p", "psea-search-result__excerpt");
    if (parts.before) out.appendChild(document.createTextNode("… "));
    parts.pieces.forEach((piece) => {
      out.appendChild(piece[1] ? el("mark", null, piece[0]) : document.createTextNode(piece[0]));
    });
    if (parts.after) out.appendChild(document.createTextNode(" …"));
    return out;
  }

  function searchUrl(state) {
    return urlOfState(searchPageUrl.href, state, FACETS);
  }

  /* Header search box -------------------------------------------------------------------------- */
  const toggle = document.getElementById("__search");
  const input = form.querySelector("input[name=q]");
  const box = document.querySelector("[data-psea-search]");
  const status = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const more = box.querySelector(".psea-search__more");
  const moreLink = more.querySelector("a");
  const HEADER_RESULTS = 8;
  let headerSeq = 0;
  let timer = null;

  function openSearch() {
    if (toggle && !toggle.checked) toggle.checked = true;
    pagefind();
  }

  function headerItem(data) {
    const li = el("li", "md-search-result__item");
    const a = el("a", "md-search-result__link");
    a.href = data.url;
    const article = el("article", "md-search-result__article md-typeset");
    article.appendChild(el("h1", null, text.showText(data.meta && data.meta.title) || data.url));
    const meta = metaLine(data.meta);
    if (meta) article.appendChild(el("p", "psea-search-result__meta", meta));
    article.appendChild(excerpt(data, 24));
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function runHeaderSearch() {
    const query = input.value.trim();
    const seq = ++headerSeq;
    moreLink.href = searchUrl({ q: query });
    if (!query) {
      list.textContent = "";
      status.textContent = "พิมพ์คำค้น: ค้นในชื่อผลงาน หน่วยงาน จังหวัด และเนื้อหาของผลงานและเกณฑ์รางวัล";
      more.hidden = true;
      return;
    }
    status.textContent = "กำลังค้นหา…";
    pagefind().then((pf) => pf.search(query)).then((search) => {
      if (seq !== headerSeq) return null;
      const top = search.results.slice(0, HEADER_RESULTS);
      return Promise.all(top.map((r) => r.data())).then((items) => {
        if (seq !== headerSeq) return;
        list.textContent = "";
        items.forEach((data) => list.appendChild(headerItem(data)));
        const n = search.results.length;
        status.textContent = headerStatus(n);
        more.hidden = n === 0;
      });
    }).catch(() => {
      if (seq === headerSeq) status.textContent = "ค้นหาไม่ได้ในขณะนี้ ลองโหลดหน้าใหม่อีกครั้ง";
    });
  }

  input.addEventListener("focus", openSearch);
  input.addEventListener("input", () => {
    clearTimeout(timer);
    if (input.value.trim()) pagefind().then((pf) => { pf.preload(input.value.trim()); });
    timer = setTimeout(runHeaderSearch, 150);
  });
  form.addEventListener("reset", () => {
    setTimeout(() => { runHeaderSearch(); input.focus(); }, 0);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = input.value.trim();
    if (query) window.location.href = searchUrl({ q: query });
  });
  // Opening and closing the box (focus, "/" and "s", Escape, tabbing out) is search-boot.js's,
  // so it works before this module arrives; here the arrows move through the results.
  box.addEventListener("keydown", (event) => {
    if (!toggle || !toggle.checked || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) return;
    const links = Array.prototype.slice.call(list.querySelectorAll("a"));
    if (!links.length) return;
    event.preventDefault();
    const next = arrowTarget(event.key, links.indexOf(document.activeElement), links.length);
    if (next < 0) input.focus();
    else links[next].focus();
  });

  // What the visitor did before this module arrived (search-boot.js loads it on first reach).
  if (document.activeElement === input) openSearch();
  if (input.value.trim()) runHeaderSearch();

  /* Search page -------------------------------------------------------------------------------- */
  const page = document.getElementById("psea-search-page");
  if (!page) return;

  const PAGE_SIZE = 10;
  const pageInput = page.querySelector("input[name=q]");
  const selects = {};
  const allText = {};  // each filter's first option, for no value ("ทุกสาขา"), as content/search.md has it
  FACETS.concat(["sort"]).forEach((name) => {
    selects[name] = page.querySelector("select[name=" + name + "]");
    allText[name] = selects[name].options.length ? selects[name].options[0].textContent : "";
  });
  const statusLine = document.getElementById("psea-search-status");
  const results = document.getElementById("psea-search-results");
  const moreButton = document.getElementById("psea-search-more");
  let labels = readLabels({});
  let filterCounts = null;
  let pageSeq = 0;
  let pageTimer = null;
  let current = [];
  let shown = 0;

  function formState() {
    const state = { q: pageInput.value.trim(), sort: selects.sort.value };
    FACETS.forEach((name) => { state[name] = selects[name].value; });
    return state;
  }

  function fillSelect(name, state) {
    const select = selects[name];
    select.textContent = "";
    selectOptions(name, state, labels, filterCounts, allText[name], formatCount).forEach((option) => {
      select.appendChild(el("option", null, option[1])).value = option[0];
    });
    select.value = state[name];
  }

  function resultItem(data) {
    const li = el("li", "psea-search-result");
    const heading = el("h2", "psea-search-result__title");
    const a = el("a", null, text.showText(data.meta && data.meta.title) || data.url);
    a.href = data.url;
    heading.appendChild(a);
    li.appendChild(heading);
    const meta = metaLine(data.meta);
    if (meta) li.appendChild(el("p", "psea-search-result__meta", meta));
    if (data.locations && data.locations.length) li.appendChild(excerpt(data, 40));
    return li;
  }

  function showMore(seq) {
    const next = current.slice(shown, shown + PAGE_SIZE);
    moreButton.disabled = true;
    return Promise.all(next.map((r) => r.data())).then((items) => {
      if (seq !== pageSeq) return;
      items.forEach((data) => results.appendChild(resultItem(data)));
      shown += next.length;
      moreButton.hidden = shown >= current.length;
      moreButton.disabled = false;
    });
  }

  function runPageSearch(pushUrl) {
    const state = formState();
    const seq = ++pageSeq;
    const url = searchUrl(state);
    if (url !== window.location.href) window.history.replaceState(null, "", url);
    if (pushUrl && input.value.trim() !== state.q) input.value = state.q;
    const options = searchOptions(state, FACETS);
    const hasFilters = Object.keys(options.filters).length > 0;
    results.removeAttribute("data-state");
    if (!state.q && !hasFilters) {
      results.textContent = "";
      moreButton.hidden = true;
      statusLine.textContent = "พิมพ์คำค้น หรือเลือกตัวกรองเพื่อดูผลงาน";
      results.setAttribute("data-state", "idle");
      return Promise.resolve();
    }
    statusLine.textContent = "กำลังค้นหา…";
    return pagefind().then((pf) => pf.search(state.q || null, options)).then((search) => {
      if (seq !== pageSeq) return undefined;
      current = search.results;
      shown = 0;
      results.textContent = "";
      const n = current.length;
      statusLine.textContent = pageStatus(n, state.q, hasFilters);
      statusLine.setAttribute("data-result-count", String(n));
      if (search.filters && Object.keys(search.filters).length) {
        filterCounts = { filters: search.filters, total: search.totalFilters };
        FACETS.forEach((name) => fillSelect(name, state));
      }
      return showMore(seq).then(() => {
        if (seq === pageSeq) results.setAttribute("data-state", "done");
      });
    }).catch((err) => {
      if (seq !== pageSeq) return;
      console.error("search:", err);
      statusLine.textContent = "ค้นหาไม่ได้ในขณะนี้ ลองโหลดหน้าใหม่อีกครั้ง";
      results.setAttribute("data-state", "error");
    });
  }

  // Filter counts need Pagefind's filter index (about 2 KB per 1,000 cases for each filter): it is
  // loaded only when a visitor reaches for the filters, and the results are not redrawn.
  let filtersLoading = null;
  function loadFilterCounts() {
    if (filtersLoading) return filtersLoading;
    filtersLoading = pagefind().then((pf) => pf.filters().then((all) => {
      const state = formState();
      const filters = filtersOf(state, FACETS);
      if (!state.q && !Object.keys(filters).length) return { filters: all, totalFilters: all };
      return pf.search(state.q || null, { filters });
    })).then((search) => {
      if (!filterCounts) {
        filterCounts = { filters: search.filters, total: search.totalFilters };
        const state = formState();
        FACETS.forEach((name) => fillSelect(name, state));
      }
      page.setAttribute("data-filters", "ready");
    }).catch((err) => { filtersLoading = null; console.error("search: filters", err); });
    return filtersLoading;
  }

  function loadLabels() {
    return fetch(new URL(config.search.labels, root).href).then((r) => r.json()).then((data) => {
      labels = readLabels(data);
      const state = formState();
      FACETS.forEach((name) => fillSelect(name, state));
    }).catch(() => { /* labels are a nicety: keys still work */ });
  }

  const initial = readState(window.location.search, FACETS);
  pageInput.value = initial.q;
  input.value = initial.q;
  FACETS.forEach((name) => fillSelect(name, initial));
  selects.sort.value = SORTS[initial.sort] ? initial.sort : "";

  page.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(pageTimer);
    runPageSearch(true);
  });
  pageInput.addEventListener("input", () => {
    clearTimeout(pageTimer);
    pageTimer = setTimeout(() => runPageSearch(true), 200);
  });
  page.addEventListener("change", (event) => {
    if (event.target.tagName !== "SELECT") return;
    if (event.target === selects.branch && !categoryFits(selects.category.value, selects.branch.value)) {
      selects.category.value = "";  // a category belongs to one branch
    }
    runPageSearch(false);
  });
  moreButton.addEventListener("click", () => showMore(pageSeq));
  const filterBox = page.querySelector(".psea-search-page__filters");
  filterBox.addEventListener("focusin", loadFilterCounts);
  filterBox.addEventListener("pointerenter", loadFilterCounts);
  runPageSearch(false).then(loadLabels);
}
