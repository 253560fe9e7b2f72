"""MkDocs hook of the edition (added to the `hooks:` of each script's configuration).

- The search plugin stays enabled because Material shows its search box only then, but the site
  uses its own index (edition/search.py, templates/assets/search.js): Material's index (never
  requested since the search partial is overridden) is removed after the build.
- The theme's Jinja templates are compiled once and kept as bytecode in the build's work folder
  (`extra.edition_cache`): compiling Material's templates is a large share of a rebuild.
"""
from pathlib import Path

import jinja2


def on_env(env, config, files):
    cache = (config.get("extra") or {}).get("edition_cache")
    if cache:
        Path(cache).mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(cache)
    return env


def on_post_build(config, **kwargs):
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    index.unlink(missing_ok=True)
