"""MkDocs hook of the edition (added to the `hooks:` of each script's configuration).

- Material writes its search index with ASCII escapes (`\\u4e2d` for each Chinese character), which
  roughly doubles the file; it is rewritten as UTF-8 after the build. Hooks run after plugins.
- The theme's Jinja templates are compiled once and kept as bytecode in the build's work folder
  (`extra.edition_cache`): compiling Material's templates is a large share of a rebuild.
"""
import json
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
    if index.exists() and index.read_bytes().isascii():   # else it is a dirty build's, already rewritten
        data = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
