"""HTML for the site, by job: escaping (escape), the URL scheme (urls), Thai labels of taxonomy
keys (labels) and the fragments pages are made of (fragments). Every value from a case or the
data files is escaped on its way into HTML."""
