/* The constants the site's scripts share with the Python build (macros/scriptconfig.py): one JSON
 * data block, <script type="application/json" id="psea-config">, written on every page by
 * partials/psea-scripts.html. A data block is not code, so the Content-Security-Policy needs no
 * hash for it (macros/hooks.py script_hashes leaves data blocks out).
 */

export const CONFIG_ID = "psea-config";

/* The page's configuration, or null when the block is missing or unreadable (the scripts then
 * leave the page as it is built: forms hidden, the complete table shown). */
export function readConfig(doc) {
  const block = doc.getElementById(CONFIG_ID);
  if (!block) return null;
  try {
    return JSON.parse(block.textContent);
  } catch (err) {
    console.error("psea: unreadable #" + CONFIG_ID, err);
    return null;
  }
}

/* The site's root as a URL ending in "/", from the page's `base` (mkdocs' base_url: "." or "../.."
 * relative to the page, or a path such as "/" on the 404 page, which any folder may serve). */
export function rootUrl(base, pageUrl) {
  const path = String(base == null || base === "" ? "." : base);
  return new URL(path.endsWith("/") ? path : path + "/", pageUrl);
}
