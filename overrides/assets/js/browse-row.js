/* One row of the browse table, built from its data (browse/rows.json, decoded by browse-core.js
 * decodeRows): exactly the markup of macros/render/fragments.case_row, with the attributes of
 * macros/pages/browse.py browse_row. tests/test_browse.py renders the same cases both ways and
 * compares them: a change to case_row's markup must be made here too. DOM calls only (no HTML
 * parsing), so no text from a case can become markup.
 */
export function buildRow(doc, row, data) {
  const [yearHref, caseHref, agencyHref, provinceHref, categoryHref] = row.hrefs;
  const [yearLabel, titleLabel, agencyLabel, provinceLabel, categoryLabel, levelLabel] = data.head;
  const element = (tag, attrs, children) => {
    const el = doc.createElement(tag);
    attrs.forEach(([name, value]) => el.setAttribute(name, value));
    (children || []).forEach((child) => el.append(child));
    return el;
  };
  const link = (href, text) => element("a", [["href", href]], [text]);
  const cell = (label, children) => element("td", [["data-label", label]], children);
  // The "อนุมาน" mark after a value the case gives as inferred (macros/render/inferred.mark).
  const mark = (path) => {
    const reason = row.marks ? row.marks[path] : undefined;
    if (reason === undefined) return [];
    return [" ", element("a", [["class", "psea-inferred"], ["href", caseHref + "#" + data.mark + "-" + path],
      ["title", reason]], [data.mark])];
  };
  const status = row.status
    ? [" ", element("span", [["class", "psea-status psea-status--" + row.status]], [row.statusLabel])] : [];
  const summary = row.summary
    ? [element("br", []), element("span", [["class", "psea-row__summary"]], [row.summary])] : [];

  const attrs = data.facets.map((name, i) => ["data-" + name.replace(/_/g, "-"), row.facetValues[i]]);
  data.multi.forEach((name, i) => {
    if (row.facetSets[i].length) attrs.push(["data-" + name, row.facetSets[i].join(" ")]);
  });
  attrs.push(["data-case", row.key]);
  if (row.extra) attrs.push(["data-search-extra", row.extra]);
  return element("tr", attrs, [
    cell(yearLabel, [link(yearHref, row.facetValues[data.facets.indexOf("year")]), ...mark("year")]),
    cell(titleLabel, [link(caseHref, row.title), ...status, ...summary]),
    cell(agencyLabel, [link(agencyHref, row.agency), ...mark("agency.name")]),
    cell(provinceLabel, [link(provinceHref, row.province), ...mark("province")]),
    cell(categoryLabel, [link(categoryHref, row.category)]),
    cell(levelLabel, [row.level]),
  ]);
}
