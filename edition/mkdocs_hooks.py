"""MkDocs hook of the edition (listed under `hooks:` in the generated configs).

The search plugin stays enabled because Material shows its search box only then, but the site
uses its own index (edition/search.py, templates/assets/search.js): Material's index (1 MB per
script, never requested since the search partial is overridden) is removed after the build.
Hooks run after plugins.
"""
from pathlib import Path


def on_post_build(config, **kwargs):
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    index.unlink(missing_ok=True)
