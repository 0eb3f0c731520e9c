/* Site search with Pagefind (index built by macros/search.py after each build).
 *
 * Two parts share one Pagefind instance, loaded only when someone starts to search:
 * - the header search box (partials/search.html): results drop down as you type, in the theme's
 *   own result markup; Enter or "ดูผลทั้งหมด" opens the search page;
 * - the search page (content/search.md, /search/?q=คำ&year=2567&sort=year-desc): all results, with
 *   filters (branch, category, level, year, province) and sorting by year; the URL always holds
 *   the current query, so results can be linked.
 *
 * Thai words in the index are cut where the browser's word breaker cuts them (macros/search.py):
 * Pagefind gives titles and excerpts back as words with one space between, so showText puts the
 * page's spaces back: none between two Thai letters (a cut), one elsewhere, and the marks written by
 * macros/search.py (words of their own: SPACE and JOIN) where the page reads otherwise.
 * No inline script or style: this file is loaded from partials/psea-scripts.html.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-psea-search] form");
  if (!form || !window.URL) return;

  // macros/search.py: SPACE, JOIN and the Thai block (_THAI).
  var SPACE = "\u2063", JOIN = "\u2060";
  var THAI_END = /[\u0e00-\u0e7f]$/, THAI_START = /^[\u0e00-\u0e7f]/;
  var FACETS = ["branch", "category", "level", "year", "province"];
  var FACET_LABELS = { branch: "ทุกสาขา", category: "ทุกประเภท", level: "ทุกระดับ", year: "ทุกปี", province: "ทุกจังหวัด" };
  var SORTS = { "year-desc": { year: "desc" }, "year-asc": { year: "asc" } };
  var bundleUrl = new URL(form.getAttribute("data-pagefind"), document.baseURI);
  var searchPageUrl = new URL(form.getAttribute("action"), document.baseURI);
  var loading = null;

  /* Pagefind ------------------------------------------------------------------------------- */
  function pagefind() {
    if (!loading) {
      loading = import(new URL("pagefind.js", bundleUrl).href).then(function (pf) {
        // Result URLs are site-relative ("/cases/…/"): prefix the folder the site is served from.
        // Search runs on the page, not in Pagefind's web worker: a search decodes a few small
        // chunks, and the worker's script is 41 KB more to download before the first results.
        return pf.options({ baseUrl: new URL("..", bundleUrl).pathname, noWorker: true }).then(function () {
          pf.init();
          return pf;
        });
      });
      loading.catch(function (err) { loading = null; console.error("search: cannot load Pagefind", err); });
    }
    return loading;
  }

  /* Pagefind's text as the words its match locations count: split at whitespace, and at the
     zero-width spaces Pagefind puts between the words it cuts out of Thai itself (a build without
     ICU), which are shown with nothing between them. */
  function pagefindWords(text) {
    var parts = String(text == null ? "" : text).split(/([\s\u200b]+)/);
    var words = [], glued = [];
    for (var i = 0; i < parts.length; i += 2) {
      words.push(parts[i]);
      glued.push(i > 0 && !/\s/.test(parts[i - 1]));
    }
    return { words: words, glued: glued };
  }

  /* Words [from, to) as the page shows them: [text, index] pieces, a space being [" ", -1]. The
     marks are words too, so indexes stay those of Pagefind's match locations. */
  function showWords(text, from, to) {
    var out = [], before = "", mark = "";
    for (var w = from; w < to; w++) {
      var word = text.words[w];
      if (isMark(word)) {
        if (mark !== SPACE) mark = word;
      } else if (word) {
        if (text.glued[w] && !mark) mark = JOIN;
        if (before && (mark === SPACE || (mark !== JOIN && !(THAI_END.test(before) && THAI_START.test(word))))) {
          out.push([" ", -1]);
        }
        out.push([word, w]);
        before = word;
        mark = "";
      }
    }
    return out;
  }

  function isMark(word) {
    return word === SPACE || word === JOIN;
  }

  function showText(value) {
    var text = pagefindWords(value);
    return showWords(text, 0, text.words.length).map(function (piece) { return piece[0]; }).join("");
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  /* An excerpt around the matched words, built from the page text with DOM nodes (never
     innerHTML): words are what Pagefind counts its match locations in. */
  function excerpt(data, length) {
    var text = pagefindWords(data.content);
    var count = text.words.length;
    var locations = (data.locations || []).slice().sort(function (a, b) { return a - b; });
    var marked = new Set(locations);
    var start = 0, best = -1;
    locations.forEach(function (loc) {
      var from = Math.max(0, loc - 6), hits = 0;
      locations.forEach(function (other) { if (other >= from && other < from + length) hits++; });
      if (hits > best) { best = hits; start = from; }
    });
    var end = start;  // `length` words, not counting the marks (nor those right after the last)
    for (var shown = 0; end < count && (shown < length || isMark(text.words[end])); end++) {
      if (!isMark(text.words[end])) shown++;
    }
    var out = el("p", "psea-search-result__excerpt");
    if (start > 0) out.appendChild(document.createTextNode("… "));
    showWords(text, start, end).forEach(function (piece) {
      out.appendChild(marked.has(piece[1]) ? el("mark", null, piece[0]) : document.createTextNode(piece[0]));
    });
    if (end < count) out.appendChild(document.createTextNode(" …"));
    return out;
  }

  function metaLine(data) {
    var meta = data.meta || {};
    var bits = [];
    // From attributes of the page (macros/casepage.py), which are not cut: shown as they are.
    if (meta.agency) bits.push(meta.agency);
    if (meta.year) bits.push("ปี " + meta.year);
    return bits.join(" · ");
  }

  /* Header search box ------------------------------------------------------------------------ */
  var toggle = document.getElementById("__search");
  var input = form.querySelector("input[name=q]");
  var box = document.querySelector("[data-psea-search]");
  var status = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var more = box.querySelector(".psea-search__more");
  var moreLink = more.querySelector("a");
  var headerSeq = 0, timer = null;
  var HEADER_RESULTS = 8;

  function openSearch(focus) {
    if (toggle && !toggle.checked) toggle.checked = true;
    pagefind();
    if (focus) { input.focus(); input.select(); }
  }

  function closeSearch() {
    if (toggle) toggle.checked = false;
    input.blur();
  }

  function headerItem(data) {
    var li = el("li", "md-search-result__item");
    var a = el("a", "md-search-result__link");
    a.href = data.url;
    var article = el("article", "md-search-result__article md-typeset");
    article.appendChild(el("h1", null, showText(data.meta && data.meta.title) || data.url));
    var meta = metaLine(data);
    if (meta) article.appendChild(el("p", "psea-search-result__meta", meta));
    article.appendChild(excerpt(data, 24));
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function runHeaderSearch() {
    var query = input.value.trim();
    var seq = ++headerSeq;
    moreLink.href = searchUrl({ q: query });
    if (!query) {
      list.textContent = "";
      status.textContent = "พิมพ์คำค้นเพื่อค้นหาผลงาน";
      more.hidden = true;
      return;
    }
    status.textContent = "กำลังค้นหา…";
    pagefind().then(function (pf) {
      return pf.search(query);
    }).then(function (search) {
      if (seq !== headerSeq) return null;
      var top = search.results.slice(0, HEADER_RESULTS);
      return Promise.all(top.map(function (r) { return r.data(); })).then(function (items) {
        if (seq !== headerSeq) return;
        list.textContent = "";
        items.forEach(function (data) { list.appendChild(headerItem(data)); });
        var n = search.results.length;
        status.textContent = n ? "พบ " + n.toLocaleString("th-TH") + " ผลลัพธ์" : "ไม่พบผลลัพธ์ที่ตรงกับคำค้น";
        more.hidden = n === 0;
      });
    }).catch(function () {
      if (seq === headerSeq) status.textContent = "ค้นหาไม่ได้ในขณะนี้ ลองโหลดหน้าใหม่อีกครั้ง";
    });
  }

  input.addEventListener("focus", function () { openSearch(false); });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    if (input.value.trim()) pagefind().then(function (pf) { pf.preload(input.value.trim()); });
    timer = setTimeout(runHeaderSearch, 150);
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { runHeaderSearch(); input.focus(); }, 0);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value.trim();
    if (query) window.location.href = searchUrl({ q: query });
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) openSearch(true);
    });
  }
  // Tabbing out of the search closes it, so a keyboard user is never left under the overlay.
  box.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (toggle && toggle.checked && next && !box.contains(next)) toggle.checked = false;
  });
  // Keyboard: "/" or "s" opens the search; Escape closes it; arrows move through the results.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s")) {
      event.preventDefault();
      openSearch(true);
      return;
    }
    if (!toggle || !toggle.checked || !box.contains(target)) return;
    if (event.key === "Escape") {
      event.preventDefault();
      closeSearch();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      if (!links.length) return;
      event.preventDefault();
      var at = links.indexOf(document.activeElement);
      var next = event.key === "ArrowDown" ? at + 1 : (at < 0 ? links.length - 1 : at - 1);
      if (next < 0 || next >= links.length) input.focus();
      else links[next].focus();
    }
  });

  /* Search page ------------------------------------------------------------------------------- */
  function searchUrl(state) {
    var url = new URL(searchPageUrl.href);
    ["q", "sort"].concat(FACETS).forEach(function (name) {
      if (state[name]) url.searchParams.set(name, state[name]);
    });
    return url.href;
  }

  var page = document.getElementById("psea-search-page");
  if (!page) return;

  var PAGE_SIZE = 10;
  var pageInput = page.querySelector("input[name=q]");
  var selects = {};
  FACETS.concat(["sort"]).forEach(function (name) { selects[name] = page.querySelector("select[name=" + name + "]"); });
  var pageStatus = document.getElementById("psea-search-status");
  var results = document.getElementById("psea-search-results");
  var moreButton = document.getElementById("psea-search-more");
  var labels = {};
  var filterCounts = null;
  var pageSeq = 0, pageTimer = null, current = [], shown = 0;

  function readState() {
    var params = new URLSearchParams(window.location.search);
    var state = { q: (params.get("q") || "").trim(), sort: params.get("sort") || "" };
    FACETS.forEach(function (name) { state[name] = params.get(name) || ""; });
    return state;
  }

  function formState() {
    var state = { q: pageInput.value.trim(), sort: selects.sort.value };
    FACETS.forEach(function (name) { state[name] = selects[name].value; });
    return state;
  }

  function label(name, value) {
    return (labels[name] && labels[name][value]) || value;
  }

  // Options of one filter, in taxonomy order with result counts once Pagefind's filter index is
  // loaded: for a filter that is set, the counts ignore the current filters (so another value can be
  // picked directly); for the others, they count the results the value would leave.
  function fillSelect(name, state) {
    var select = selects[name];
    var counts = filterCounts ? ((state[name] ? filterCounts.total : filterCounts.filters) || {})[name] || {} : null;
    var values = (labels["order:" + name] || []).slice();
    if (counts) {
      values = values.filter(function (v) { return counts[v] > 0; });
      Object.keys(counts).forEach(function (v) { if (counts[v] > 0 && values.indexOf(v) < 0) values.push(v); });
    }
    if (state[name] && values.indexOf(state[name]) < 0) values.unshift(state[name]);
    select.textContent = "";
    select.appendChild(el("option", null, FACET_LABELS[name])).value = "";
    values.forEach(function (value) {
      var n = counts ? counts[value] || 0 : null;
      var text = label(name, value);
      if (name === "category" && !state.branch) text += " · " + label("branch", value.split("/")[0]);
      if (n != null) text += " (" + n.toLocaleString("th-TH") + ")";
      select.appendChild(el("option", null, text)).value = value;
    });
    select.value = state[name];
  }

  function resultItem(data) {
    var li = el("li", "psea-search-result");
    var heading = el("h2", "psea-search-result__title");
    var a = el("a", null, showText(data.meta && data.meta.title) || data.url);
    a.href = data.url;
    heading.appendChild(a);
    li.appendChild(heading);
    var meta = metaLine(data);
    if (meta) li.appendChild(el("p", "psea-search-result__meta", meta));
    if (data.locations && data.locations.length) li.appendChild(excerpt(data, 40));
    return li;
  }

  function showMore(seq) {
    var next = current.slice(shown, shown + PAGE_SIZE);
    moreButton.disabled = true;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (items) {
      if (seq !== pageSeq) return;
      items.forEach(function (data) { results.appendChild(resultItem(data)); });
      shown += next.length;
      moreButton.hidden = shown >= current.length;
      moreButton.disabled = false;
    });
  }

  function runPageSearch(pushUrl) {
    var state = formState();
    var seq = ++pageSeq;
    var url = searchUrl(state);
    if (url !== window.location.href) window.history.replaceState(null, "", url);
    if (pushUrl && input.value.trim() !== state.q) input.value = state.q;
    var filters = {};
    FACETS.forEach(function (name) { if (state[name]) filters[name] = state[name]; });
    var hasFilters = Object.keys(filters).length > 0;
    results.removeAttribute("data-state");
    if (!state.q && !hasFilters) {
      results.textContent = "";
      moreButton.hidden = true;
      pageStatus.textContent = "พิมพ์คำค้น หรือเลือกตัวกรองเพื่อดูผลงาน";
      results.setAttribute("data-state", "idle");
      return Promise.resolve();
    }
    pageStatus.textContent = "กำลังค้นหา…";
    var options = { filters: filters, sort: SORTS[state.sort] || {} };
    return pagefind().then(function (pf) {
      return pf.search(state.q || null, options);
    }).then(function (search) {
      if (seq !== pageSeq) return;
      current = search.results;
      shown = 0;
      results.textContent = "";
      var n = current.length;
      pageStatus.textContent = n
        ? "พบ " + n.toLocaleString("th-TH") + " ผลลัพธ์" + (state.q ? " สำหรับ “" + state.q + "”" : "")
        : "ไม่พบผลลัพธ์" + (hasFilters ? " ลองเอาตัวกรองออกบางตัว" : " ลองใช้คำอื่นหรือคำที่สั้นลง");
      pageStatus.setAttribute("data-result-count", String(n));
      if (search.filters && Object.keys(search.filters).length) {
        filterCounts = { filters: search.filters, total: search.totalFilters };
        FACETS.forEach(function (name) { fillSelect(name, state); });
      }
      return showMore(seq).then(function () {
        if (seq === pageSeq) results.setAttribute("data-state", "done");
      });
    }).catch(function (err) {
      if (seq !== pageSeq) return;
      console.error("search:", err);
      pageStatus.textContent = "ค้นหาไม่ได้ในขณะนี้ ลองโหลดหน้าใหม่อีกครั้ง";
      results.setAttribute("data-state", "error");
    });
  }

  // Filter counts need Pagefind's filter index (about 2 KB per 1,000 cases for each filter): it is
  // loaded only when a visitor reaches for the filters, and the results are not redrawn.
  var filtersLoading = null;
  function loadFilterCounts() {
    if (filtersLoading) return filtersLoading;
    filtersLoading = pagefind().then(function (pf) {
      return pf.filters().then(function (all) {
        var state = formState();
        var filters = {};
        FACETS.forEach(function (name) { if (state[name]) filters[name] = state[name]; });
        if (!state.q && !Object.keys(filters).length) return { filters: all, totalFilters: all };
        return pf.search(state.q || null, { filters: filters });
      });
    }).then(function (search) {
      if (!filterCounts) {
        filterCounts = { filters: search.filters, total: search.totalFilters };
        var state = formState();
        FACETS.forEach(function (name) { fillSelect(name, state); });
      }
      page.setAttribute("data-filters", "ready");
    }).catch(function (err) { filtersLoading = null; console.error("search: filters", err); });
    return filtersLoading;
  }

  function loadLabels() {
    var url = page.getAttribute("data-facets");
    return fetch(new URL(url, document.baseURI).href).then(function (r) { return r.json(); }).then(function (data) {
      Object.keys(data).forEach(function (name) {
        labels[name] = {};
        labels["order:" + name] = [];
        data[name].forEach(function (pair) { labels[name][pair[0]] = pair[1]; labels["order:" + name].push(pair[0]); });
      });
      var state = formState();
      FACETS.forEach(function (name) { fillSelect(name, state); });
    }).catch(function () { /* labels are a nicety: keys still work */ });
  }

  var initial = readState();
  pageInput.value = initial.q;
  input.value = initial.q;
  FACETS.forEach(function (name) { fillSelect(name, initial); });
  selects.sort.value = SORTS[initial.sort] ? initial.sort : "";

  page.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(pageTimer);
    runPageSearch(true);
  });
  pageInput.addEventListener("input", function () {
    clearTimeout(pageTimer);
    pageTimer = setTimeout(function () { runPageSearch(true); }, 200);
  });
  page.addEventListener("change", function (event) {
    if (event.target.tagName !== "SELECT") return;
    if (event.target === selects.branch && selects.category.value &&
        selects.category.value.split("/")[0] !== selects.branch.value && selects.branch.value) {
      selects.category.value = "";  // a category belongs to one branch
    }
    runPageSearch(false);
  });
  moreButton.addEventListener("click", function () { showMore(pageSeq); });
  var filterBox = page.querySelector(".psea-search-page__filters");
  filterBox.addEventListener("focusin", loadFilterCounts);
  filterBox.addEventListener("pointerenter", loadFilterCounts);
  page.hidden = false;
  runPageSearch(false).then(loadLabels);
})();
