"""A generated page: Markdown (title and intro, so the theme and the table of contents work)
plus an HTML part that the plugin puts in place of PLACEHOLDER after Markdown has run: large
tables never pass through the Markdown parser, and every value in them is escaped by
macros.render."""
from __future__ import annotations

import json
from dataclasses import dataclass

from ..render.describe import page_description
from ..render.escape import e
from ..render.urls import page_url

PLACEHOLDER = "<!-- psea:generated -->"


@dataclass
class GeneratedPage:
    src_uri: str
    title: str
    intro: str  # Markdown
    html: str = ""
    description: str = ""

    @property
    def url(self) -> str:
        return page_url(self.src_uri)

    @property
    def markdown(self) -> str:
        # Themes print page titles unescaped, and agency names come from cases: escape, then quote
        # as JSON (valid YAML) so no title can break the frontmatter.
        # Every page has a description of its own (meta and Open Graph): the page's, or its title and intro.
        text = self.description or page_description(self.title, self.intro)
        description = f"description: {json.dumps(e(text), ensure_ascii=False)}\n"
        return (f"---\ntitle: {json.dumps(e(self.title), ensure_ascii=False)}\n{description}---\n\n"
                f"{self.intro}\n\n{PLACEHOLDER}\n")

    def content(self, html: str) -> str:
        """The page's converted Markdown with the HTML part in place of the placeholder."""
        return html.replace(f"<p>{PLACEHOLDER}</p>", self.html).replace(PLACEHOLDER, self.html)


@dataclass(frozen=True)
class GeneratedFile:
    """A file the build makes besides its pages (the browse page's text index), copied to the site
    as it is."""
    src_uri: str
    content: str
