/* A source page (/sources/<document>/): the lines the address names (#L149 or #L149-L190) are
 * highlighted and the first of them scrolled into view. Without JavaScript the browser scrolls to
 * the line's own anchor, or to the anchor every cited range has (macros/pages/sources.py), and
 * CSS marks that line (:target). An ES module, no inline code (script-src 'self'). */
import { parseLines } from "./source-lines-core.js";

const HIT = "psea-line--hit";

function highlight(scroll) {
  const box = document.getElementById("psea-source-text");
  if (!box) return;
  box.querySelectorAll("." + HIT).forEach((el) => el.classList.remove(HIT));
  const lines = parseLines(decodeURIComponent(location.hash), box.children.length);
  if (!lines) return;
  for (let n = lines.first; n <= lines.last; n++) {
    const el = document.getElementById("L" + n);
    if (el) el.classList.add(HIT);
  }
  const first = document.getElementById("L" + lines.first);
  if (scroll && first) first.scrollIntoView({ block: "start" });
}

highlight(true);
window.addEventListener("hashchange", () => highlight(true));
