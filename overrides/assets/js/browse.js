/* The browse page (/browse/): facet filters, a text filter and sortable columns over
 * #psea-browse-table, with the whole view kept in the URL query so it can be shared, bookmarked,
 * reloaded and walked through with the back button:
 *   ?branch=service&year=2567&year=2564&q=โรงพยาบาล&sort=title&dir=asc
 * Facet names and values are the checkboxes' name/value (macros/browse.py writes them).
 *
 * Plain ES2018, no libraries, no inline code: the page can run under script-src 'self'.
 * Without JavaScript the form stays hidden and the complete table shows.
 *
 * Speed: every row's facet values, search text and position are read once. A keystroke walks
 * the precomputed rows and touches only the rows whose visibility changes. At most one page of
 * matching rows (data-page-size on the table) is displayed; "แสดงเพิ่ม" adds another page. The
 * count always tells every match. Creating the boxes of a row of Thai text costs about half a
 * millisecond, so displaying thousands of rows on a keystroke would take seconds.
 */
(function () {
  "use strict";

  var form = document.getElementById("psea-browse-filters");
  var table = document.getElementById("psea-browse-table");
  var input = document.getElementById("psea-browse-q");
  var countBox = document.getElementById("psea-browse-count");
  if (!form || !table || !input || !table.tBodies.length) return;
  var tbody = table.tBodies[0];
  var shownEl = countBox && countBox.querySelector("[data-shown]");
  var totalEl = countBox && countBox.querySelector("[data-total]");
  var emptyEl = document.getElementById("psea-browse-empty");
  var moreBox = document.getElementById("psea-browse-more");
  var moreButton = moreBox && moreBox.querySelector("button");
  var moreText = moreBox && moreBox.querySelector("[data-more-text]");
  var PAGE = Math.max(1, parseInt(table.getAttribute("data-page-size"), 10) || 100);
  var collator = new Intl.Collator("th", { numeric: true, sensitivity: "base" });
  var NUMBER = new Intl.NumberFormat("en-US");
  var SPACES = /[\s\u200b-\u200d\u2060\ufeff]+/g;
  var TEXT_PARAMS = ["q", "sort", "dir"];

  /* Search text: NFC, lower case, the two ways of typing sara am made one, and no spaces, so that
   * "โรงพยาบาล ด่าน" finds "โรงพยาบาลด่าน…" and the other way round. Thai has no spaces between
   * words, so a plain substring test is the right match. */
  function fold(text) {
    return String(text || "").normalize("NFC").toLowerCase().replace(/\u0e4d\u0e32/g, "\u0e33");
  }
  function squash(text) {
    return fold(text).replace(SPACES, "");
  }
  function queryTokens(value) {
    return fold(value).split(SPACES).filter(Boolean);
  }

  // Facets ------------------------------------------------------------------------------------
  var facets = Array.prototype.map.call(form.querySelectorAll("fieldset[data-facet]"), function (fieldset) {
    var name = fieldset.getAttribute("data-facet");
    var boxes = Array.prototype.slice.call(fieldset.querySelectorAll('input[type="checkbox"]'));
    var index = new Map();
    boxes.forEach(function (box, i) { index.set(box.value, i); });
    var group = fieldset.closest("details");
    return {
      name: name,
      multi: fieldset.hasAttribute("data-multi"),  // a row has any number of values, space-separated
      attr: "data-" + name.replace(/_/g, "-"),
      boxes: boxes,
      index: index,           // value -> position; a value with no checkbox gets boxes.length
      counts: boxes.map(function (box) { return box.parentNode.querySelector("[data-facet-count]"); }),
      shownCounts: boxes.map(function () { return -1; }),
      selected: new Uint8Array(boxes.length + 1),
      active: false,
      badge: group && group.querySelector("[data-facet-selected]"),
    };
  });

  // Columns -----------------------------------------------------------------------------------
  var headers = Array.prototype.slice.call(table.tHead ? table.tHead.querySelectorAll("th[data-sort]") : []);
  var columns = new Map();  // sort key -> {th, button, cell index}
  headers.forEach(function (th) {
    columns.set(th.getAttribute("data-sort"), { th: th, cell: th.cellIndex, button: null });
  });
  var DEFAULT_SORT = "year";
  function defaultDir(key) { return key === "year" ? "desc" : "asc"; }

  // Rows, read once -----------------------------------------------------------------------------
  function cellText(tr, key, firstLink) {
    var column = columns.get(key);
    var cell = column && tr.cells[column.cell];
    if (!cell) return "";
    var link = firstLink && cell.querySelector("a");
    return (link || cell).textContent;
  }
  var rows = Array.prototype.map.call(tbody.rows, function (tr, position) {
    var values = new Uint16Array(facets.length);
    var lists = null;  // multi-valued facets: position -> the row's value positions
    facets.forEach(function (facet, f) {
      if (facet.multi) {
        lists = lists || {};
        lists[f] = (tr.getAttribute(facet.attr) || "").split(" ").filter(Boolean).map(function (v) {
          var value = facet.index.get(v);
          return value === undefined ? facet.boxes.length : value;
        });
        return;
      }
      var value = facet.index.get(tr.getAttribute(facet.attr) || "");
      values[f] = value === undefined ? facet.boxes.length : value;
    });
    return {
      el: tr,
      position: position,
      values: values,
      lists: lists,
      text: [cellText(tr, "title", true), cellText(tr, "agency", false), tr.getAttribute("data-search-extra")]
        .map(squash).join("\n"),
      shown: !tr.hidden,
    };
  });
  var total = rows.length;
  var ordered = rows.slice();  // rows in the order the table shows them

  // State ---------------------------------------------------------------------------------------
  var state = { sort: DEFAULT_SORT, dir: defaultDir(DEFAULT_SORT), limit: PAGE };

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    facets.forEach(function (facet) {
      var wanted = new Set(params.getAll(facet.name));
      facet.boxes.forEach(function (box) { box.checked = wanted.has(box.value); });
      readFacet(facet);
    });
    input.value = params.get("q") || "";
    var sort = params.get("sort");
    state.sort = columns.has(sort) ? sort : DEFAULT_SORT;
    var dir = params.get("dir");
    state.dir = dir === "asc" || dir === "desc" ? dir : defaultDir(state.sort);
  }

  function readFacet(facet) {
    var any = false;
    facet.boxes.forEach(function (box, i) {
      facet.selected[i] = box.checked ? 1 : 0;
      any = any || box.checked;
    });
    facet.active = any;
    var n = facet.selected.reduce(function (a, b) { return a + b; }, 0);
    if (facet.badge) {
      facet.badge.hidden = n === 0;
      facet.badge.textContent = n ? "(เลือก " + n + ")" : "";
    }
  }

  function urlFor() {
    var params = new URLSearchParams(window.location.search);
    facets.forEach(function (facet) { params.delete(facet.name); });
    TEXT_PARAMS.forEach(function (name) { params.delete(name); });
    facets.forEach(function (facet) {
      facet.boxes.forEach(function (box) { if (box.checked) params.append(facet.name, box.value); });
    });
    var q = input.value.trim();
    if (q) params.set("q", q);
    if (state.sort !== DEFAULT_SORT || state.dir !== defaultDir(DEFAULT_SORT)) {
      params.set("sort", state.sort);
      params.set("dir", state.dir);
    }
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "") + window.location.hash;
  }

  /* Facet clicks and sorting add a history entry; typing adds one entry when it starts and then
   * keeps replacing it, so Back leaves the search as a whole instead of one letter at a time. */
  var typingTimer = 0;
  function saveUrl(kind) {
    window.clearTimeout(typingTimer);
    typingTimer = 0;
    var url = urlFor();
    var here = window.location.pathname + window.location.search + window.location.hash;
    var current = window.history.state && window.history.state.psea;
    try {
      if (url === here) {
        if (kind === "typing" && current !== "typing") return;
        window.history.replaceState({ psea: current || kind }, "", url);
      } else if (kind === "typing" && current === "typing") {
        window.history.replaceState({ psea: "typing" }, "", url);
      } else {
        window.history.pushState({ psea: kind }, "", url);
      }
    } catch (err) {
      /* Browsers limit how often history can change; the view itself is already up to date. */
    }
  }
  function saveUrlSoon() {
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(function () { saveUrl("typing"); }, 250);
  }

  // Filtering -----------------------------------------------------------------------------------
  function passes(facet, row, f) {
    if (!facet.multi) return facet.selected[row.values[f]] === 1;
    var list = row.lists[f];
    for (var i = 0; i < list.length; i++) if (facet.selected[list[i]]) return true;
    return false;
  }
  function tally(counts, row, f) {
    if (!facets[f].multi) { counts[row.values[f]]++; return; }
    var list = row.lists[f];
    for (var i = 0; i < list.length; i++) counts[list[i]]++;
  }

  /* Recount and redisplay. `more` keeps the pages already opened; any other change of the view
   * starts again from the first page. Returns the first row that a new page displayed. */
  function filter(more) {
    if (!more) state.limit = PAGE;
    var tokens = queryTokens(input.value);
    var nFacets = facets.length;
    var tallies = facets.map(function (facet) { return new Uint32Array(facet.boxes.length + 1); });
    var shown = 0;
    var firstNew = null;
    for (var r = 0; r < total; r++) {
      var row = ordered[r];
      var textOk = true;
      for (var t = 0; t < tokens.length; t++) {
        if (row.text.indexOf(tokens[t]) === -1) { textOk = false; break; }
      }
      var misses = 0;
      var missed = -1;
      for (var f = 0; f < nFacets && misses < 2; f++) {
        if (facets[f].active && !passes(facets[f], row, f)) { misses++; missed = f; }
      }
      var matching = textOk && misses === 0;
      if (matching) shown++;
      var visible = matching && shown <= state.limit;
      if (textOk) {
        /* A value's count is how many rows would show with it ticked, the other facets as they are. */
        if (misses === 0) {
          for (f = 0; f < nFacets; f++) tally(tallies[f], row, f);
        } else if (misses === 1) {
          tally(tallies[missed], row, missed);
        }
      }
      if (visible !== row.shown) {
        if (visible && !firstNew) firstNew = row;
        row.shown = visible;
        row.el.hidden = !visible;
      }
    }
    facets.forEach(function (facet, f) {
      facet.counts.forEach(function (el, i) {
        var n = tallies[f][i];
        if (!el || facet.shownCounts[i] === n) return;
        facet.shownCounts[i] = n;
        el.textContent = "(" + NUMBER.format(n) + ")";
        el.parentNode.classList.toggle("psea-facet-none", n === 0);
      });
    });
    if (shownEl) shownEl.textContent = NUMBER.format(shown);
    if (totalEl) totalEl.textContent = NUMBER.format(total);
    if (emptyEl) emptyEl.hidden = shown !== 0;
    if (moreBox) {
      var rest = shown - Math.min(shown, state.limit);
      moreBox.hidden = rest <= 0;
      if (moreText) {
        moreText.textContent = "แสดงในตาราง " + NUMBER.format(Math.min(shown, state.limit)) +
          " ผลงานแรก ยังมีอีก " + NUMBER.format(rest) + " ผลงาน";
      }
      if (moreButton) moreButton.textContent = "แสดงเพิ่มอีก " + NUMBER.format(Math.min(rest, PAGE)) + " ผลงาน";
    }
    return firstNew;
  }

  // Sorting -------------------------------------------------------------------------------------
  var levelRank = (function () {
    var level = facets.filter(function (facet) { return facet.name === "level"; })[0];
    return level ? level.index : new Map();
  })();
  var sortKeys = new Map();  // column -> array of keys by row position, built on first use
  function keysFor(key) {
    if (!sortKeys.has(key)) {
      sortKeys.set(key, rows.map(function (row) {
        if (key === "year") return Number(row.el.getAttribute("data-year")) || 0;
        if (key === "level") {
          var rank = levelRank.get(row.el.getAttribute("data-level") || "");
          return rank === undefined ? levelRank.size : rank;
        }
        return cellText(row.el, key, key === "title").normalize("NFC").trim();
      }));
    }
    return sortKeys.get(key);
  }
  var orders = new Map();  // "column:dir" -> rows in that order
  var currentOrder = "year:desc";  // the order the page is built in
  function sortRows() {
    var id = state.sort + ":" + state.dir;
    if (id !== currentOrder) {
      var order = orders.get(id);
      if (!order) {
        var keys = keysFor(state.sort);
        var sign = state.dir === "desc" ? -1 : 1;
        var numeric = typeof keys[0] === "number";
        order = rows.slice().sort(function (a, b) {
          var ka = keys[a.position];
          var kb = keys[b.position];
          var c = numeric ? ka - kb : collator.compare(ka, kb);
          return sign * c || a.position - b.position;
        });
        orders.set(id, order);
      }
      var fragment = document.createDocumentFragment();
      for (var i = 0; i < order.length; i++) fragment.appendChild(order[i].el);
      tbody.appendChild(fragment);
      currentOrder = id;
      ordered = order;
    }
    columns.forEach(function (column, key) {
      if (key === state.sort) {
        column.th.setAttribute("aria-sort", state.dir === "asc" ? "ascending" : "descending");
      } else {
        column.th.removeAttribute("aria-sort");
      }
    });
  }
  orders.set(currentOrder, rows.slice());

  columns.forEach(function (column, key) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "psea-sort";
    while (column.th.firstChild) button.appendChild(column.th.firstChild);
    button.setAttribute("title", "เรียงตามคอลัมน์นี้");
    column.th.appendChild(button);
    column.button = button;
    button.addEventListener("click", function () {
      if (state.sort === key) {
        state.dir = state.dir === "asc" ? "desc" : "asc";
      } else {
        state.sort = key;
        state.dir = defaultDir(key);
      }
      sortRows();
      filter();  // the first page of the new order
      saveUrl("sort");
    });
  });

  // Events --------------------------------------------------------------------------------------
  input.addEventListener("input", function () {
    filter();
    saveUrlSoon();
  });
  form.addEventListener("change", function (event) {
    var box = event.target;
    if (!box || box.type !== "checkbox") return;
    facets.forEach(function (facet) { if (facet.name === box.name) readFacet(facet); });
    filter();
    saveUrl("facet");
  });
  if (moreButton) {
    moreButton.addEventListener("click", function () {
      state.limit += PAGE;
      var first = filter(true);
      var link = first && first.el.querySelector("a");
      if (link) link.focus();  // keyboard and screen reader users continue at the new rows
    });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();  // Enter in the search box: the view is already filtered
    if (typingTimer) saveUrl("typing");
  });
  form.addEventListener("reset", function (event) {
    event.preventDefault();
    input.value = "";
    facets.forEach(function (facet) {
      facet.boxes.forEach(function (box) { box.checked = false; });
      readFacet(facet);
    });
    filter();
    saveUrl("facet");
    input.focus();
  });
  input.addEventListener("blur", function () {
    if (typingTimer) saveUrl("typing");
  });
  window.addEventListener("pagehide", function () {
    if (typingTimer) saveUrl("typing");
  });
  window.addEventListener("popstate", function () {
    window.clearTimeout(typingTimer);
    typingTimer = 0;
    readUrl();
    sortRows();
    filter();
  });

  // Start ---------------------------------------------------------------------------------------
  readUrl();
  table.classList.add("psea-sortable");
  form.hidden = false;
  sortRows();
  filter();
})();
