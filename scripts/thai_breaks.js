/* Thai words cut at the end of a line, found in the page as laid out (issue 14: "ทั่วประเท|ศ").
 *
 * A line break is allowed at a word boundary of Intl.Segmenter("th", {granularity: "word"}) (ICU's
 * dictionary, the same one Chromium's line breaker uses). For each visible text node with Thai in
 * it that spans more than one line, each Thai word's Range is asked for its client rects: a word
 * whose rects lie on two lines was broken inside. Evaluated by scripts/thai_breaks.py (used by
 * scripts/bench.py and tests/test_thai_breaks.py); returns one record per cut word. */
() => {
  const THAI = /[\u0E01-\u0E5B]/;
  const segmenter = new Intl.Segmenter("th", { granularity: "word" });
  const range = document.createRange();
  // Rects on different lines: tops further apart than half the shorter rect's height.
  const lineStarts = (rects) => {
    const lines = [];
    for (const r of rects) {
      if (r.width === 0 && r.height === 0) continue;
      const last = lines[lines.length - 1];
      if (!last || Math.abs(r.top - last.top) > Math.min(r.height, last.height) / 2) lines.push(r);
    }
    return lines;
  };
  const rectsOf = (node, start, end) => {
    range.setStart(node, start);
    range.setEnd(node, end);
    return range.getClientRects();
  };
  // Text no one sees is not counted: a closed dialog squeezed to no width (the theme's search on
  // a phone), transparent or invisible boxes, and screen-reader-only text clipped to 1 px.
  const seen = new Map();
  const visible = (el) => {
    if (!el || el === document.body) return true;
    if (!seen.has(el)) {
      const style = getComputedStyle(el);
      seen.set(el, el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
        && style.clip === "auto" && style.clipPath === "none" && visible(el.parentElement));
    }
    return seen.get(el);
  };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (!THAI.test(node.data)) return NodeFilter.FILTER_REJECT;
      const el = node.parentElement;
      if (!el || el.closest("script, style, noscript, template, title") || !visible(el)) return NodeFilter.FILTER_REJECT;
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (lineStarts(rectsOf(node, 0, node.data.length)).length < 2) continue;  // on one line
    for (const { segment, index } of segmenter.segment(node.data)) {
      // A "word" that starts with a space or a lone vowel mark (stray marks in a source text) is none.
      if (segment.length < 2 || !THAI.test(segment) || /^[\s\p{M}]/u.test(segment)) continue;
      const lines = lineStarts(rectsOf(node, index, index + segment.length));
      if (lines.length < 2) continue;
      // Where the word was cut: the first character whose box is on the next line.
      let cut = 1;
      for (; cut < segment.length; cut += 1) {
        const box = lineStarts(rectsOf(node, index + cut, index + cut + 1))[0];
        if (box && Math.abs(box.top - lines[0].top) > Math.min(box.height, lines[0].height) / 2) break;
      }
      const before = node.data.slice(Math.max(0, index - 15), index);
      const after = node.data.slice(index + segment.length, index + segment.length + 15);
      const el = node.parentElement;
      found.push({
        word: segment.slice(0, cut) + "|" + segment.slice(cut),
        text: (before + segment.slice(0, cut) + "|" + segment.slice(cut) + after).replace(/\s+/g, " "),
        element: el.tagName.toLowerCase() + (el.className && typeof el.className === "string"
          ? "." + el.className.trim().split(/\s+/).join(".") : ""),
      });
    }
  }
  return found;
}
