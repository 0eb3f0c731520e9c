/* The browse page's logic without the DOM (browse.js wires it to the page): search text folding,
 * row matching with facet counts, sort keys and orders, and the view's URL query. Pure functions of
 * their arguments, so that tests/js/browse-core.test.mjs runs them under `node --test`.
 */

// Whitespace and the invisible characters that a pasted title may carry between words.
export const SPACES = /[\s\u200b-\u200d\u2060\ufeff]+/g;
// Query parameters besides the facets (whose names are the facets' own).
export const TEXT_PARAMS = ["q", "sort", "dir"];

/* Search text: NFC, lower case, the two ways of typing sara am made one, and no spaces, so that
 * "โรงพยาบาล ด่าน" finds "โรงพยาบาลด่าน…" and the other way round. Thai has no spaces between
 * words, so a plain substring test is the right match. */
export function fold(text) {
  return String(text || "").normalize("NFC").toLowerCase().replace(/\u0e4d\u0e32/g, "\u0e33");
}

export function squash(text) {
  return fold(text).replace(SPACES, "");
}

/* The words of a query: each must occur in a row's text. Thai has no spaces between words, so each
 * space-separated part is cut into words by `segmenter` (an Intl.Segmenter for "th" by word: ICU's
 * dictionary word breaker, the one the search index is cut with, macros/search/thai.py), as the
 * search does: "ลดเวลารอคอย" finds "ลดระยะเวลาการรอคอย". Without a segmenter, parts as typed. */
export function queryTokens(value, segmenter) {
  const parts = fold(value).split(SPACES).filter(Boolean);
  if (!segmenter) return parts;
  const words = [];
  parts.forEach((part) => {
    let found = false;
    for (const piece of segmenter.segment(part)) {
      const word = piece.segment.replace(SPACES, "");
      if (word && piece.isWordLike !== false) { words.push(word); found = true; }
    }
    if (!found) words.push(part);  // punctuation alone ("4.0", "-") is still a thing to find
  });
  return words;
}

/* What the text filter searches in a row: its title, agency and extra (English) names, squashed
 * one by one (a match never runs from one into the next). */
export function rowText(parts) {
  return parts.map(squash).join("\n");
}

export function textMatches(text, tokens) {
  for (let t = 0; t < tokens.length; t++) {
    if (text.indexOf(tokens[t]) === -1) return false;
  }
  return true;
}

/* Whether a row passes facet f: nothing ticked, its value ticked, or for a facet where a row has
 * several values (multi: tags), any of them ticked. */
function facetMatches(facet, row, f) {
  if (!facet.active) return true;
  if (!facet.multi) return facet.selected[row.values[f]] === 1;
  const set = row.sets[f];
  for (let i = 0; i < set.length; i++) {
    if (facet.selected[set[i]]) return true;
  }
  return false;
}

function tally(counts, facet, row, f) {
  if (!facet.multi) {
    counts[row.values[f]]++;
    return;
  }
  const set = row.sets[f];
  for (let i = 0; i < set.length; i++) counts[set[i]]++;
}

/* Which rows a view displays, and the count beside each facet value.
 * rows: in display order, each {text (rowText), values (per facet: the index of the row's value,
 *   facet.size for a value with no checkbox), sets (per multi facet: the indexes of its values)};
 * facets: each {active (any box ticked), selected (per value index: 1 if ticked), size, multi};
 * tokens: queryTokens of the text filter; limit: how many matching rows to display.
 * Returns {visible: per row 1 or 0, shown: how many rows match, tallies: per facet, per value
 * index (size + 1 entries), how many rows would match with that value ticked and the other facets
 * as they are}. */
export function filterRows(rows, facets, tokens, limit) {
  const nFacets = facets.length;
  const tallies = facets.map((facet) => new Uint32Array(facet.size + 1));
  const visible = new Uint8Array(rows.length);
  let shown = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const textOk = textMatches(row.text, tokens);
    let misses = 0;
    let missed = -1;
    for (let f = 0; f < nFacets && misses < 2; f++) {
      if (!facetMatches(facets[f], row, f)) { misses++; missed = f; }
    }
    const matching = textOk && misses === 0;
    if (matching) shown++;
    if (matching && shown <= limit) visible[r] = 1;
    if (textOk) {
      if (misses === 0) {
        for (let f = 0; f < nFacets; f++) tally(tallies[f], facets[f], row, f);
      } else if (misses === 1) {
        tally(tallies[missed], facets[missed], row, missed);
      }
    }
  }
  return { visible, shown, tallies };
}

// Sorting -----------------------------------------------------------------------------------------
/* The direction a column sorts in when first clicked: newest year first, everything else A to Z. */
export function defaultDir(key) {
  return key === "year" ? "desc" : "asc";
}

/* A row's sort key in a column: years as numbers, levels by rank (the order of the level
 * checkboxes; unknown levels last), text as NFC without surrounding space. */
export function sortKey(key, raw, levelRank) {
  if (key === "year") return Number(raw) || 0;
  if (key === "level") {
    const rank = levelRank.get(raw || "");
    return rank === undefined ? levelRank.size : rank;
  }
  return String(raw || "").normalize("NFC").trim();
}

/* Positions 0..keys.length-1 ordered by keys (numbers or text, by `collator`), in `dir`; equal
 * keys keep the page's order, whichever the direction. */
export function sortOrder(keys, dir, collator) {
  const sign = dir === "desc" ? -1 : 1;
  const numeric = typeof keys[0] === "number";
  const positions = keys.map((_, i) => i);
  return positions.sort((a, b) => {
    const c = numeric ? keys[a] - keys[b] : collator.compare(keys[a], keys[b]);
    return sign * c || a - b;
  });
}

// The URL query ------------------------------------------------------------------------------------
/* The view a query string asks for. facets: the facet names; sortKeys: the sortable columns.
 * Returns {selected: name -> the values asked for (repeated parameters), q, sort, dir}; an
 * unknown column or direction gives the default. */
export function parseQuery(search, facets, sortKeys, defaultSort) {
  const params = new URLSearchParams(search);
  const selected = {};
  facets.forEach((name) => { selected[name] = params.getAll(name); });
  const sort = params.get("sort");
  const dir = params.get("dir");
  const state = { selected, q: params.get("q") || "" };
  state.sort = sortKeys.indexOf(sort) >= 0 ? sort : defaultSort;
  state.dir = dir === "asc" || dir === "desc" ? dir : defaultDir(state.sort);
  return state;
}

/* The query string (without "?") of a view, keeping any other parameters of `search`: each ticked
 * value as one more parameter of its facet (in the order given), the trimmed text, and the sort
 * only when it is not the default. */
export function serializeQuery(search, state, facets, defaultSort) {
  const params = new URLSearchParams(search);
  facets.forEach((name) => params.delete(name));
  TEXT_PARAMS.forEach((name) => params.delete(name));
  facets.forEach((name) => {
    (state.selected[name] || []).forEach((value) => params.append(name, value));
  });
  const q = String(state.q || "").trim();
  if (q) params.set("q", q);
  if (state.sort !== defaultSort || state.dir !== defaultDir(defaultSort)) {
    params.set("sort", state.sort);
    params.set("dir", state.dir);
  }
  return params.toString();
}

// Text shown -------------------------------------------------------------------------------------
/* The line under the table and its button when more rows match than are displayed. */
export function moreTexts(shown, limit, pageSize, format) {
  const displayed = Math.min(shown, limit);
  const rest = shown - displayed;
  return {
    rest,
    text: "แสดงในตาราง " + format(displayed) + " ผลงานแรก ยังมีอีก " + format(rest) + " ผลงาน",
    button: "แสดงเพิ่มอีก " + format(Math.min(rest, pageSize)) + " ผลงาน",
  };
}

/* The badge beside a facet's title: how many of its values are ticked ("" for none). */
export function selectedBadge(n) {
  return n ? "(เลือก " + n + ")" : "";
}

// The rows' data ----------------------------------------------------------------------------------
/* The rows of browse/rows.json (macros/pages/browse.py render_rows_data: by column, one list per
 * field of data.fields, a list per part for a field of data.composite) as objects with those
 * fields, plus what filterRows needs: values (per facet of `facets`, the index of the row's value;
 * facet.size for a value with no checkbox), sets (per multi facet, the indexes of its values),
 * names (title, agency, English names) and text (rowText).
 * facets: [{name, multi, index: Map value -> position, size}], in the form's order. */
export function decodeRows(data, facets) {
  const single = new Map(data.facets.map((name, i) => [name, i]));
  const multi = new Map(data.multi.map((name, i) => [name, i]));
  const composite = new Set(data.composite);
  const rows = [];
  for (let position = 0; position < data.count; position++) {
    const row = { position, el: null };
    data.fields.forEach((field) => {
      const column = data.columns[field];
      row[field] = composite.has(field) ? column.map((part) => part[position]) : column[position];
    });
    row.values = new Uint16Array(facets.length);
    row.sets = facets.map(() => null);
    facets.forEach((facet, f) => {
      if (facet.multi) {
        multiValues(row, facet, f, multi);
        return;
      }
      const value = facet.index.get(row.facetValues[single.get(facet.name)] || "");
      row.values[f] = value === undefined ? facet.size : value;
    });
    row.names = [row.title, row.agency, row.extra];
    row.text = rowText(row.names);
    rows.push(row);
  }
  return rows;
}

function multiValues(row, facet, f, multi) {
  row.values[f] = facet.size;
  const list = row.facetSets[multi.get(facet.name)] || [];
  row.sets[f] = list.map((v) => facet.index.get(v)).filter((i) => i !== undefined);
}

/* What a row sorts by in a column (before sortKey): its year and level values, else the text of
 * the column's link (the category column: "branch / category"). */
export function rowSortRaw(row, key, data) {
  if (key === "year" || key === "level") return row.facetValues[data.facets.indexOf(key)];
  return row[key];
}
