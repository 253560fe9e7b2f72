"""The editorial principles page (edition/site/principles.py): its counts against counts made here
from the raw files and the exports."""
import json
import re

from tests.conftest import ROOT

WATERMARK = set("‧國立政治大學NationalChengchiUniversity")


def test_principles_page_counts_what_the_raw_text_shows(site):
    """The 凡例's counts, against counts made here from the raw files and the exports."""
    raw = (ROOT / "sources" / "manchuria.txt").read_text(encoding="utf-8")
    for script in ("hant", "hans"):
        page = (site / script / "principles" / "index.html").read_text(encoding="utf-8")
        text = re.sub(r"<[^>]+>", "", page)
        for name in ("manchuria", "mongolia"):
            data = json.loads((site / "data" / f"{name}.{script}.json").read_text(encoding="utf-8"))
            notes = "注釋 {} 條" if script == "hant" else "注释 {} 条"
            assert f"{len(data['paragraphs'])} 段，{notes.format(len(data['notes']))}" in text, name
        glyph_row = re.search(r"<td>頇</td>\s*<td>須</td>\s*<td>(\d+)</td>", page)
        assert glyph_row and int(glyph_row.group(1)) == raw.count("頇")   # every 頇 of the raw text is repaired
        # the watermark scattered over lines that hold nothing else
        watermark_lines = sum(1 for line in raw.splitlines()
                              if line.strip() and set(line.replace(" ", "")) <= WATERMARK)
        assert re.search(rf"浮水印[殘残]片 {watermark_lines} 行", text)
        assert "contents vs text" not in text and ("目次與正文不符" in text or "目次与正文不符" in text)
