"""mkdocs-macros entry point: registers the macros that hand-written pages may call.

Each macro renders from this build's content (macros.content.Site), which the plugin hands to
mkdocs-macros as the variable SITE_VARIABLE. Only pages with `render_macros: true` in their
frontmatter are rendered (see mkdocs.yml).
"""
from macros import exports, home, thaidate
from macros.content import SITE_VARIABLE
from macros.pages import overview


def define_env(env):
    def site():
        return env.variables[SITE_VARIABLE]

    def site_stats():
        return home.site_stats(site().corpus)

    def latest_winners(limit: int = 12):
        return home.latest_winners(site().corpus, limit)

    def help_wanted():
        return home.help_wanted(site().inputs.help_wanted, site().taxonomy)

    def open_data_fields(which: str = "case"):
        return exports.open_data_fields(site().taxonomy, which)

    def overview_glance():
        return overview.home_glance(site().corpus)

    def last_change():
        # The time of the last commit, as the plugin read it from git (Site.inputs.last_change).
        return thaidate.time_element(site().inputs.last_change, "ไม่ทราบ (เว็บนี้สร้างนอก git)")

    for macro in (site_stats, latest_winners, help_wanted, open_data_fields, overview_glance, last_change):
        env.macro(macro)
