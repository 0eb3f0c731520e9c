/* Site search, first part: all that runs on a page's load. It opens and closes the header search
 * box (focus, a tap on the magnifier, the "/" and "s" keys, Escape, tabbing out), and loads the
 * search's own code (search.js, with search-core.js and config.js, about 9 KB compressed) only when
 * the visitor first reaches for the box, or at once on the search page: a visitor who only reads
 * downloads none of it (issue 14: the first view stays small).
 *
 * Without JavaScript the box still works: its form opens the search page with ?q=. Words typed
 * before search.js arrived are searched by its start(). An ES module without inline code (CSP
 * script-src 'self').
 */
function boot() {
  const box = document.querySelector("[data-psea-search]");
  if (!box) return;
  const input = box.querySelector("input[name=q]");
  const toggle = document.getElementById("__search");

  let loading = null;
  function load() {
    if (!loading) {
      loading = import("./search.js").then((search) => search.start())
        .catch((err) => { loading = null; console.error("search: cannot load", err); });
    }
    return loading;
  }
  if (document.getElementById("psea-search-page")) load();

  function open() {
    if (toggle) toggle.checked = true;
    input.focus();
    input.select();
  }
  // The box opens at once (the theme's CSS shows it while the toggle is checked).
  input.addEventListener("focus", () => { if (toggle) toggle.checked = true; });
  box.addEventListener("focusin", load);
  box.addEventListener("pointerdown", load);
  if (toggle) toggle.addEventListener("change", () => { if (toggle.checked) open(); });
  // Tabbing out of the search closes it, so a keyboard user is never left under the overlay.
  box.addEventListener("focusout", (event) => {
    const next = event.relatedTarget;
    if (toggle && toggle.checked && next && !box.contains(next)) toggle.checked = false;
  });
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s")) {
      event.preventDefault();
      open();
    } else if (event.key === "Escape" && toggle && toggle.checked && box.contains(target)) {
      event.preventDefault();
      toggle.checked = false;
      input.blur();
    }
  });
}

boot();
