/* The browse page's view (/browse/): facet filters, a text filter and sortable columns over
 * #psea-browse-table, with the whole view kept in the URL query so it can be shared, bookmarked,
 * reloaded and walked through with the back button:
 *   ?branch=service&year=2567&year=2564&q=โรงพยาบาล&sort=title&dir=asc
 * Facet names and values are the checkboxes' name/value (macros/pages/browse.py writes them).
 *
 * browse.js loads this module when the visitor first reaches for the filters, a column or
 * "แสดงเพิ่ม", or at once for a view in the URL, and hands on what was done meanwhile. This
 * module holds the DOM; the text folding, matching, sorting, URL query and the rows' data are in
 * browse-core.js (tested under node), a row's markup in browse-row.js. The page size and default
 * sort come from the page's JSON config (config.js). ES modules, no libraries, no inline code: the
 * page can run under script-src 'self'.
 *
 * Pages that stay small: the page holds only the first screen of rows. Every row's data
 * (the table's data-rows file) is fetched once, when the visitor first filters, sorts, types,
 * asks for more rows or comes with a view in the URL; from then on the table shows rows built
 * from it. The rows' problem and solution (data-text-index) are fetched on the first keystroke.
 * Without JavaScript the page is the first of a static paged list (macros/pages/browse.py).
 *
 * Speed: every row's facet values, search text and position are read once. A keystroke walks
 * the rows' data; at most one page of matching rows (the config's page size) is displayed, and
 * "แสดงเพิ่ม" adds another page. The count always tells every match. Creating the boxes of a row
 * of Thai text costs about half a millisecond, so displaying thousands of rows on a keystroke
 * would take seconds.
 */
import {
  decodeRows, defaultDir, filterRows, moreTexts, parseQuery, queryTokens, rowSortRaw, rowText, selectedBadge,
  serializeQuery, sortKey, sortOrder,
} from "./browse-core.js";
import { buildRow } from "./browse-row.js";
import { readConfig } from "./config.js";

/* Wires the page up; the sort buttons are browse.js's (made before this module loads). */
export function start() {
  const config = readConfig(document);
  const form = document.getElementById("psea-browse-filters");
  const table = document.getElementById("psea-browse-table");
  const input = document.getElementById("psea-browse-q");
  const countBox = document.getElementById("psea-browse-count");
  if (!config || !config.browse || !form || !table || !input || !table.tBodies.length) return;
  const tbody = table.tBodies[0];
  const shownEl = countBox && countBox.querySelector("[data-shown]");
  const totalEl = countBox && countBox.querySelector("[data-total]");
  const emptyEl = document.getElementById("psea-browse-empty");
  const moreBox = document.getElementById("psea-browse-more");
  const moreButton = moreBox && moreBox.querySelector("button");
  const moreText = moreBox && moreBox.querySelector("[data-more-text]");
  const PAGE = Math.max(1, Number(config.browse.pageSize) || 100);
  const DEFAULT_SORT = config.browse.defaultSort;
  const collator = new Intl.Collator("th", { numeric: true, sensitivity: "base" });
  const NUMBER = new Intl.NumberFormat("en-US");
  const format = (n) => NUMBER.format(n);

  // Facets ----------------------------------------------------------------------------------------
  const facets = Array.prototype.map.call(form.querySelectorAll("fieldset[data-facet]"), (fieldset) => {
    const name = fieldset.getAttribute("data-facet");
    const boxes = Array.prototype.slice.call(fieldset.querySelectorAll('input[type="checkbox"]'));
    const index = new Map();
    boxes.forEach((box, i) => index.set(box.value, i));
    const group = fieldset.closest("details");
    return {
      name,
      multi: fieldset.hasAttribute("data-facet-multi"),  // a row has several values (space-separated)
      attr: "data-" + name.replace(/_/g, "-"),
      boxes,
      size: boxes.length,
      index,  // value -> position; a value with no checkbox gets boxes.length
      counts: boxes.map((box) => box.parentNode.querySelector("[data-facet-count]")),
      shownCounts: boxes.map(() => -1),
      selected: new Uint8Array(boxes.length + 1),
      active: false,
      badge: group && group.querySelector("[data-facet-selected]"),
    };
  });
  const facetNames = facets.map((facet) => facet.name);

  // Columns ---------------------------------------------------------------------------------------
  const headers = Array.prototype.slice.call(table.tHead ? table.tHead.querySelectorAll("th[data-sort]") : []);
  const columns = new Map();  // sort key -> {th, button, cell index}
  headers.forEach((th) => {
    columns.set(th.getAttribute("data-sort"), { th, cell: th.cellIndex, button: null });
  });
  const sortKeys = Array.from(columns.keys());

  // Rows: the page's first screen until the data is loaded -----------------------------------------
  const dataUrl = (attr) => new URL(table.getAttribute(attr), window.location.href).href;
  let total = Number(table.getAttribute("data-total")) || tbody.rows.length;
  let data = null;  // rows.json
  let rows = null;  // decoded, in the page's order; each row's element is built when first shown
  let ordered = null;  // rows in the order the table shows them
  let loading = null;
  /* The rows' data, fetched once; `then` runs when it is there (at once if it is). */
  function withRows(then) {
    if (!loading) {
      table.setAttribute("aria-busy", "true");
      loading = fetch(dataUrl("data-rows")).then((r) => r.json()).then((json) => {
        data = json;
        rows = decodeRows(json, facets);
        ordered = rows;
        total = rows.length;
        orders.set(DEFAULT_SORT + ":" + defaultDir(DEFAULT_SORT), rows);
        table.removeAttribute("aria-busy");
        table.setAttribute("data-rows-loaded", "");
      }).catch((err) => { console.error("psea: browse rows", err); });
    }
    return loading.then(() => { if (rows) then(); });
  }
  function element(row) {
    if (!row.el) row.el = buildRow(document, row, data);
    return row.el;
  }

  // State -----------------------------------------------------------------------------------------
  const state = { sort: DEFAULT_SORT, dir: defaultDir(DEFAULT_SORT), limit: PAGE };

  function readUrl() {
    const wanted = parseQuery(window.location.search, facetNames, sortKeys, DEFAULT_SORT);
    facets.forEach((facet) => {
      const values = new Set(wanted.selected[facet.name]);
      facet.boxes.forEach((box) => { box.checked = values.has(box.value); });
      readFacet(facet);
    });
    input.value = wanted.q;
    state.sort = wanted.sort;
    state.dir = wanted.dir;
  }

  function readFacet(facet) {
    let n = 0;
    facet.boxes.forEach((box, i) => {
      facet.selected[i] = box.checked ? 1 : 0;
      n += facet.selected[i];
    });
    facet.active = n > 0;
    if (facet.badge) {
      facet.badge.hidden = n === 0;
      facet.badge.textContent = selectedBadge(n);
    }
  }

  function urlFor() {
    const selected = {};
    facets.forEach((facet) => {
      selected[facet.name] = facet.boxes.filter((box) => box.checked).map((box) => box.value);
    });
    const query = serializeQuery(window.location.search,
      { selected, q: input.value, sort: state.sort, dir: state.dir }, facetNames, DEFAULT_SORT);
    return window.location.pathname + (query ? "?" + query : "") + window.location.hash;
  }

  /* Facet clicks and sorting add a history entry; typing adds one entry when it starts and then
   * keeps replacing it, so Back leaves the search as a whole instead of one letter at a time. */
  let typingTimer = 0;
  function saveUrl(kind) {
    window.clearTimeout(typingTimer);
    typingTimer = 0;
    const url = urlFor();
    const here = window.location.pathname + window.location.search + window.location.hash;
    const current = window.history.state && window.history.state.psea;
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
    typingTimer = window.setTimeout(() => saveUrl("typing"), 250);
  }

  // Filtering -------------------------------------------------------------------------------------
  /* Recount and redisplay. `more` keeps the pages already opened; any other change of the view
   * starts again from the first page. Returns the first row that a new page displayed. */
  /* The rows' problem, solution and impact (the table's data-text-index file, a few hundred bytes a
   * case): fetched once, when the text box is first used, then matched like the names. */
  let texts = null;
  function loadTexts() {
    const file = table.getAttribute("data-text-index");
    if (texts || !file) return;
    texts = Promise.all([fetch(dataUrl("data-text-index")).then((r) => r.json()), withRows(() => {})]).then(([found]) => {
      rows.forEach((row) => {
        const more = (row.key && found[row.key]) || "";
        row.text = rowText(row.names.concat([row.summary], more.split("\n")));
      });
      table.setAttribute("data-text-loaded", "");  // the rows' texts are searched from now on
      filter();
    }).catch((err) => { console.error("psea: browse text index", err); });
  }
  const segmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter("th", { granularity: "word" }) : null;

  function filter(more) {
    if (!rows) return null;
    if (!more) state.limit = PAGE;
    if (input.value.trim()) loadTexts();
    const result = filterRows(ordered, facets, queryTokens(input.value, segmenter), state.limit);
    let firstNew = null;
    const shownRows = [];
    for (let r = 0; r < ordered.length; r++) {
      if (result.visible[r] !== 1) continue;
      const row = ordered[r];
      if (!row.shown && !firstNew) firstNew = row;
      shownRows.push(element(row));
    }
    rows.forEach((row) => { row.shown = false; });
    for (let r = 0; r < ordered.length; r++) if (result.visible[r] === 1) ordered[r].shown = true;
    tbody.replaceChildren(...shownRows);
    const shown = result.shown;
    facets.forEach((facet, f) => {
      facet.counts.forEach((el, i) => {
        const n = result.tallies[f][i];
        if (!el || facet.shownCounts[i] === n) return;
        facet.shownCounts[i] = n;
        el.textContent = "(" + format(n) + ")";
        el.parentNode.classList.toggle("psea-facet-none", n === 0);
      });
    });
    if (shownEl) shownEl.textContent = format(shown);
    if (totalEl) totalEl.textContent = format(total);
    if (emptyEl) emptyEl.hidden = shown !== 0;
    if (moreBox) {
      const texts = moreTexts(shown, state.limit, PAGE, format);
      moreBox.hidden = texts.rest <= 0;
      if (moreText) moreText.textContent = texts.text;
      if (moreButton) moreButton.textContent = texts.button;
    }
    return firstNew;
  }

  // Sorting ---------------------------------------------------------------------------------------
  const levelFacet = facets.filter((facet) => facet.name === "level")[0];
  const levelRank = levelFacet ? levelFacet.index : new Map();
  const keysByColumn = new Map();  // column -> array of keys by row position, built on first use
  function keysFor(key) {
    if (!keysByColumn.has(key)) {
      keysByColumn.set(key, rows.map((row) => sortKey(key, rowSortRaw(row, key, data), levelRank)));
    }
    return keysByColumn.get(key);
  }
  const orders = new Map();  // "column:dir" -> rows in that order (the page's order: withRows)
  /* The rows in the view's order (filter() displays them); the column headers say which it is. */
  function sortRows() {
    if (rows) {
      const id = state.sort + ":" + state.dir;
      let order = orders.get(id);
      if (!order) {
        order = sortOrder(keysFor(state.sort), state.dir, collator).map((position) => rows[position]);
        orders.set(id, order);
      }
      ordered = order;
    }
    columns.forEach((column, key) => {
      if (key === state.sort) {
        column.th.setAttribute("aria-sort", state.dir === "asc" ? "ascending" : "descending");
      } else {
        column.th.removeAttribute("aria-sort");
      }
    });
  }

  columns.forEach((column, key) => {
    const button = column.th.querySelector("button.psea-sort");
    column.button = button;
    if (!button) return;
    button.addEventListener("click", () => {
      if (state.sort === key) {
        state.dir = state.dir === "asc" ? "desc" : "asc";
      } else {
        state.sort = key;
        state.dir = defaultDir(key);
      }
      sortRows();
      saveUrl("sort");
      withRows(() => {
        sortRows();
        filter();  // the first page of the new order
      });
    });
  });

  // Events ----------------------------------------------------------------------------------------
  input.addEventListener("focus", loadTexts);  // fetched while the visitor starts typing
  input.addEventListener("input", () => {
    saveUrlSoon();
    withRows(() => filter());
  });
  form.addEventListener("change", (event) => {
    const box = event.target;
    if (!box || box.type !== "checkbox") return;
    facets.forEach((facet) => { if (facet.name === box.name) readFacet(facet); });
    saveUrl("facet");
    withRows(() => filter());
  });
  if (moreButton) {
    moreButton.addEventListener("click", () => {
      withRows(() => {
        if (!rows.some((row) => row.shown)) {  // the page's own first screen: the same rows, from the data
          sortRows();
          filter();
        }
        state.limit += PAGE;
        const first = filter(true);
        const link = first && first.el.querySelector("a");
        if (link) link.focus();  // keyboard and screen reader users continue at the new rows
      });
    });
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();  // Enter in the search box: the view is already filtered
    if (typingTimer) saveUrl("typing");
  });
  form.addEventListener("reset", (event) => {
    event.preventDefault();
    input.value = "";
    facets.forEach((facet) => {
      facet.boxes.forEach((box) => { box.checked = false; });
      readFacet(facet);
    });
    saveUrl("facet");
    input.focus();
    withRows(() => filter());
  });
  input.addEventListener("blur", () => {
    if (typingTimer) saveUrl("typing");
  });
  window.addEventListener("pagehide", () => {
    if (typingTimer) saveUrl("typing");
  });
  window.addEventListener("popstate", () => {
    window.clearTimeout(typingTimer);
    typingTimer = 0;
    readUrl();
    sortRows();
    withRows(() => {
      sortRows();
      filter();
    });
  });

  // Start -----------------------------------------------------------------------------------------
  // A view asked for in the URL needs every row; the plain page shows its own first screen, and
  // the form as the visitor left it (browse.js replays what was done while this module loaded).
  const wanted = parseQuery(window.location.search, facetNames, sortKeys, DEFAULT_SORT);
  const plain = !wanted.q && facetNames.every((name) => !wanted.selected[name].length)
    && wanted.sort === DEFAULT_SORT && wanted.dir === defaultDir(DEFAULT_SORT);
  if (plain) {
    facets.forEach(readFacet);
  } else {
    readUrl();
  }
  sortRows();
  if (document.activeElement === input || input.value.trim()) loadTexts();
  if (!plain) {
    withRows(() => {
      sortRows();
      filter();
    });
  }
}
