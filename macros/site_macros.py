"""mkdocs-macros entry point: registers the macros that hand-written pages may call.

Only pages with `render_macros: true` in their frontmatter are rendered (see mkdocs.yml).
"""
from macros import exports, home, overview
from macros.hooks import current_site


def define_env(env):
    for name in ("site_stats", "latest_winners", "help_wanted"):
        env.macro(getattr(home, name), name)
    env.macro(exports.open_data_fields, "open_data_fields")
    env.macro(lambda: overview.home_glance(current_site().corpus), "overview_glance")
