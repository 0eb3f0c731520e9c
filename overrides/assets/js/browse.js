/* The browse page (/browse/), first part: all that runs on load. The table's column headers become
 * sort buttons (now, so nothing moves later), and the rest of the page's code (browse-view.js,
 * with browse-core.js and browse-row.js) is loaded only when the visitor first reaches for the
 * filters, a column or "แสดงเพิ่ม", or at once for a view in the URL: a visitor who only looks
 * at the first screen of rows downloads none of it (issue 14: the first view stays small).
 *
 * What the visitor does while it loads (ticks, typing, clicks) is kept and handed on, in order,
 * once browse-view.js has wired the page up. An ES module without inline code (CSP script-src 'self').
 */
function boot() {
  const form = document.getElementById("psea-browse-filters");
  const table = document.getElementById("psea-browse-table");
  if (!form || !table || !table.tHead) return;
  const more = document.getElementById("psea-browse-more");

  // In the page from the start, disabled until now (macros/pages/browse.py): nothing moves.
  table.tHead.querySelectorAll("th[data-sort] button.psea-sort").forEach((button) => { button.disabled = false; });

  let loading = null;
  let started = false;
  const pending = [];  // [target, event type] done before browse-view.js took over
  function load() {
    if (!loading) {
      loading = import("./browse-view.js").then((view) => {
        view.start();
        started = true;
        // Handed on as they happened: browse-view.js's own listeners take them from here.
        pending.splice(0).forEach(([target, type]) => {
          if (type === "click") target.click();
          else target.dispatchEvent(new Event(type, { bubbles: true }));
        });
      }).catch((err) => { console.error("psea: browse", err); });
    }
    return loading;
  }
  function keep(event) {
    if (started) return;
    const target = event.target;
    if (event.type === "click" && !(target.closest && target.closest("button.psea-sort, #psea-browse-more button"))) {
      return;
    }
    pending.push([event.type === "click" ? target.closest("button") : target, event.type]);
    load();
  }
  form.addEventListener("submit", (event) => { if (!started) event.preventDefault(); });
  ["change", "input", "reset"].forEach((type) => form.addEventListener(type, keep));
  [table.tHead, more].forEach((part) => { if (part) part.addEventListener("click", keep); });
  // Fetched as soon as the visitor reaches for a control, before the click or key that follows.
  [form, table.tHead, more].forEach((part) => {
    if (!part) return;
    part.addEventListener("focusin", load);
    part.addEventListener("pointerdown", load);
  });
  if (window.location.search) load();  // a view in the URL (browse-view.js tells a plain one)
}

boot();
