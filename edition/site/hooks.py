"""MkDocs hook of the edition (added to the `hooks:` of each script's configuration).

- The search plugin stays enabled because Material shows its search box only then, but the site
  uses its own index (edition/search.py, templates/assets/search.js): every page is excluded
  from Material's index (which would otherwise segment every page with jieba, seconds per
  build), and the empty index file is removed after the build.
- The theme's Jinja templates are compiled once and kept as bytecode in the build's work folder
  (`extra.edition_cache`): compiling Material's templates is a large share of a rebuild.
- A page's title and `citation_*` tags come from the build (`extra.edition_pages`, by the page's
  path), never from YAML front matter built from source strings (edition/site/pages.py: page_meta).
- The 404 page is served at any depth, so MkDocs gives it absolute links from the path of
  `site_url`, or from `/` when none is set; but each script's site lives below its own prefix
  (`/hant/`), so without this its navigation, stylesheets and scripts would point outside the site.
"""
from pathlib import Path

import jinja2


def on_env(env, config, files):
    cache = (config.get("extra") or {}).get("edition_cache")
    if cache:
        Path(cache).mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(cache)
    return env


def on_template_context(context, template_name, config):
    if template_name == "404.html":   # the script's root, absolute: /hant/ (or /<site path>/hant/)
        context["base_url"] = config["extra"]["other_script"]["words"]["root"].rstrip("/")
    return context


def on_page_markdown(markdown, page, config, files):
    page.meta.update((config.get("extra") or {}).get("edition_pages", {}).get(page.file.src_uri, {}))
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


def on_post_build(config, **kwargs):
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    index.unlink(missing_ok=True)
