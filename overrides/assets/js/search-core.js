/* The search's logic without the DOM (search.js wires it to the page): Thai text read back from
 * Pagefind's word-cut index, excerpts and their highlights, the search page's URL state, filters
 * and filter options, and the texts shown. Pure functions of their arguments, so that
 * tests/js/search-core.test.mjs runs them under `node --test`.
 *
 * Thai words in the index are cut where the browser's word breaker cuts them (macros/search.py):
 * Pagefind gives titles and excerpts back as words with one space between, so showText puts the
 * page's spaces back: none between two Thai letters (a cut), one elsewhere, and the marks written by
 * macros/search.py (words of their own: SPACE and JOIN) where the page reads otherwise.
 */

/* The search page's sort options (the values of its sort select) as Pagefind sorts. */
export const SORTS = { "year-desc": { year: "desc" }, "year-asc": { year: "asc" } };

/* Text tools for the marks of the index. marks: {space, join, thai} from the page's config
 * (macros/search.py: SPACE and JOIN without their surrounding spaces, and the Thai block as a
 * character class range such as "\u0e00-\u0e7f"). */
export function textTools(marks) {
  const SPACE = marks.space;
  const JOIN = marks.join;
  const THAI_END = new RegExp("[" + marks.thai + "]$");
  const THAI_START = new RegExp("^[" + marks.thai + "]");

  function isMark(word) {
    return word === SPACE || word === JOIN;
  }

  /* Words [from, to) as the page shows them: [text, index] pieces, a space being [" ", -1]. The
     marks are words too, so indexes stay those of Pagefind's match locations. */
  function showWords(text, from, to) {
    const out = [];
    let before = "";
    let mark = "";
    for (let w = from; w < to; w++) {
      const word = text.words[w];
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

  /* A title (or any text) from the index as the page reads it. */
  function showText(value) {
    const text = pagefindWords(value);
    return showWords(text, 0, text.words.length).map((piece) => piece[0]).join("");
  }

  /* An excerpt of `length` words (marks not counted) around the matched words of a result
     (data: Pagefind's {content, locations}): the window starts 6 words before the location from
     which it holds the most matches. Returns {before: whether text precedes it, after: whether text
     follows, pieces: [text, highlighted] as showWords reads them}. */
  function excerpt(data, length) {
    const text = pagefindWords(data.content);
    const count = text.words.length;
    const locations = (data.locations || []).slice().sort((a, b) => a - b);
    const marked = new Set(locations);
    let start = 0;
    let best = -1;
    locations.forEach((loc) => {
      const from = Math.max(0, loc - 6);
      let hits = 0;
      locations.forEach((other) => { if (other >= from && other < from + length) hits++; });
      if (hits > best) { best = hits; start = from; }
    });
    let end = start;  // `length` words, not counting the marks (nor those right after the last)
    for (let shown = 0; end < count && (shown < length || isMark(text.words[end])); end++) {
      if (!isMark(text.words[end])) shown++;
    }
    return {
      before: start > 0,
      after: end < count,
      pieces: showWords(text, start, end).map((piece) => [piece[0], marked.has(piece[1])]),
    };
  }

  return { isMark, showWords, showText, excerpt };
}

/* Pagefind's text as the words its match locations count: split at whitespace, and at the
   zero-width spaces Pagefind puts between the words it cuts out of Thai itself (a build without
   ICU), which are shown with nothing between them (glued). */
export function pagefindWords(text) {
  const parts = String(text == null ? "" : text).split(/([\s\u200b]+)/);
  const words = [];
  const glued = [];
  for (let i = 0; i < parts.length; i += 2) {
    words.push(parts[i]);
    glued.push(i > 0 && !/\s/.test(parts[i - 1]));
  }
  return { words, glued };
}

/* The line under a result's title: agency and year, from attributes of the page
   (macros/casepage.py), which are not cut: shown as they are. */
export function metaLine(meta) {
  const bits = [];
  if (meta && meta.agency) bits.push(meta.agency);
  if (meta && meta.year) bits.push("ปี " + meta.year);
  return bits.join(" · ");
}

// The search page's state ----------------------------------------------------------------------
/* {q, sort, one entry per facet} from a query string; missing values are "". */
export function readState(search, facets) {
  const params = new URLSearchParams(search);
  const state = { q: (params.get("q") || "").trim(), sort: params.get("sort") || "" };
  facets.forEach((name) => { state[name] = params.get(name) || ""; });
  return state;
}

/* The search page's URL for a state (pageHref: the search page), with only the values set. */
export function searchUrl(pageHref, state, facets) {
  const url = new URL(pageHref);
  ["q", "sort"].concat(facets).forEach((name) => {
    if (state[name]) url.searchParams.set(name, state[name]);
  });
  return url.href;
}

/* Pagefind's filters for a state: {name: value} of the facets that are set. */
export function filtersOf(state, facets) {
  const filters = {};
  facets.forEach((name) => { if (state[name]) filters[name] = state[name]; });
  return filters;
}

/* Pagefind's search options for a state. */
export function searchOptions(state, facets) {
  return { filters: filtersOf(state, facets), sort: SORTS[state.sort] || {} };
}

/* A category belongs to one branch: picking another branch clears it. */
export function categoryFits(category, branch) {
  return !category || !branch || category.split("/")[0] === branch;
}

// Filter options -------------------------------------------------------------------------------
/* The search page's filter labels (search/facets.json: name -> [[value, Thai label], ...] in
   taxonomy order) as {labels: name -> value -> label, order: name -> values}. */
export function readLabels(data) {
  const labels = {};
  const order = {};
  Object.keys(data).forEach((name) => {
    labels[name] = {};
    order[name] = [];
    data[name].forEach((pair) => { labels[name][pair[0]] = pair[1]; order[name].push(pair[0]); });
  });
  return { labels, order };
}

export function label(labels, name, value) {
  return (labels.labels[name] && labels.labels[name][value]) || value;
}

/* The options of one filter's select: [value, text] pairs, the first being ["", allText].
 * Values in taxonomy order; with result counts once Pagefind's filter index is loaded
 * (filterCounts: {filters, total}): for a filter that is set, the counts ignore the current
 * filters (so another value can be picked directly); for the others, they count the results the
 * value would leave, and values that would leave none are not offered. The value set is always
 * offered. A category names its branch when no branch is set. */
export function selectOptions(name, state, labels, filterCounts, allText, formatCount) {
  const counts = filterCounts ? ((state[name] ? filterCounts.total : filterCounts.filters) || {})[name] || {} : null;
  let values = (labels.order[name] || []).slice();
  if (counts) {
    values = values.filter((v) => counts[v] > 0);
    Object.keys(counts).forEach((v) => { if (counts[v] > 0 && values.indexOf(v) < 0) values.push(v); });
  }
  if (state[name] && values.indexOf(state[name]) < 0) values.unshift(state[name]);
  const options = [["", allText]];
  values.forEach((value) => {
    const n = counts ? counts[value] || 0 : null;
    let text = label(labels, name, value);
    if (name === "category" && !state.branch) text += " · " + label(labels, "branch", value.split("/")[0]);
    if (n != null) text += " (" + formatCount(n) + ")";
    options.push([value, text]);
  });
  return options;
}

// Texts shown ----------------------------------------------------------------------------------
export function formatCount(n) {
  return n.toLocaleString("th-TH");
}

/* The header dropdown's status line for n results of a query. */
export function headerStatus(n) {
  return n ? "พบ " + formatCount(n) + " ผลลัพธ์" : "ไม่พบผลลัพธ์ที่ตรงกับคำค้น";
}

/* The search page's status line for n results of a state. */
export function pageStatus(n, q, hasFilters) {
  return n
    ? "พบ " + formatCount(n) + " ผลลัพธ์" + (q ? " สำหรับ “" + q + "”" : "")
    : "ไม่พบผลลัพธ์" + (hasFilters ? " ลองเอาตัวกรองออกบางตัว" : " ลองใช้คำอื่นหรือคำที่สั้นลง");
}

/* Where an arrow key moves among `length` result links from position `at` (-1: the search box):
   the index of the next link, or -1 for the search box. */
export function arrowTarget(key, at, length) {
  const next = key === "ArrowDown" ? at + 1 : (at < 0 ? length - 1 : at - 1);
  return next < 0 || next >= length ? -1 : next;
}
