"""MkDocs loads this file from mkdocs.yml (`hooks:`); the logic is the plugin in macros/plugin.py.

mkdocs takes the events of a hooks module from its `on_*` attributes: those of one plugin instance.
"""
from macros.plugin import PseaPlugin

plugin = PseaPlugin()  # the state of every build
on_startup, on_config, on_files, on_nav = plugin.on_startup, plugin.on_config, plugin.on_files, plugin.on_nav
on_page_markdown, on_page_content, on_env = plugin.on_page_markdown, plugin.on_page_content, plugin.on_env
on_post_page, on_post_template = plugin.on_post_page, plugin.on_post_template
on_post_build, on_build_error = plugin.on_post_build, plugin.on_build_error
on_serve = plugin.on_serve  # mkdocs serve: saved case files are rebuilt by macros.preview
