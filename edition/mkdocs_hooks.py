"""MkDocs hook of the edition (listed under `hooks:` in the generated configs).

Material writes its search index with ASCII escapes (`\\u4e2d` for each Chinese character), which
roughly doubles the file; it is rewritten as UTF-8 after the build. Hooks run after plugins.
"""
import json
from pathlib import Path


def on_post_build(config, **kwargs):
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if index.exists():
        data = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
