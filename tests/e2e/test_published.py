"""An editor's MkDocs hook that damages the pages fails the whole build, which publishes nothing
(edition/checks/published.py as the build runs it; the check itself: tests/checks/test_published.py)."""
import re

import pytest

from edition.build import build
from edition.core.errors import EditionError
from tests.conftest import copy_small
from tests.e2e.test_build import snapshot

HOOK = '''import re
def on_page_content(html, page, config, files):
    """An editor's hook that damages the text: drops 表1's source note, doubles a paragraph."""
    html = re.sub(r'<p class="ed-table-source">.*?</p>', "", html)
    return re.sub(r'(<p id="p0050".*?</p>)', r"\\1\\1", html, flags=re.S)
'''


def test_a_build_whose_pages_lose_text_fails_and_publishes_nothing(tmp_path, small_edition):
    project = copy_small(small_edition, tmp_path)
    before = snapshot(project / "site")      # the site of a good build, which must stay as it is
    (project / "damage.py").write_text(HOOK, encoding="utf-8")
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text(encoding="utf-8") + "hooks:\n  - damage.py\n", encoding="utf-8")
    with pytest.raises(EditionError) as error:
        build(project / "sources", project)
    report = error.value.report()
    for script in ("hant", "hans"):
        assert f"sources/mongolia.txt:1303: {script}/mongolia/aftermath/: table p0044: source note" in report
        assert re.search(rf"sources/mongolia.txt:\d+: {script}/mongolia/conclusion/: paragraph p0050 appears 2 times",
                         report)
    assert snapshot(project / "site") == before
    assert not list(project.glob(".build-*")) and not list(project.glob(".old-*"))
