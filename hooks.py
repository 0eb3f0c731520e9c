"""MkDocs loads this file from mkdocs.yml; the logic lives in macros/hooks.py."""
from macros.hooks import (  # noqa: F401 - mkdocs looks these names up
    on_config, on_env, on_files, on_nav, on_page_content, on_page_markdown, on_page_read_source, on_post_build, on_post_page,
    on_post_template, on_startup,
)
