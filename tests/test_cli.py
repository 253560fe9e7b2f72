"""The report commands of build_edition.py (edition/cli.py), run as an editor runs them:
conversion-review and glossary-candidates."""
import re

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow    # build_edition.py in a subprocess: jieba and the texts loaded anew


def test_conversion_review_command():
    import subprocess
    import sys
    result = subprocess.run([sys.executable, str(ROOT / "build_edition.py"), "conversion-review"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if "武力【占】领" in line)
    assert re.fullmatch(r"mongolia p\d+ -> hant: .*武力【占】领.*  OpenCC 佔  zhconv 占  "
                        r"keep sources/conversion.yml:\d+", line)
    assert "alike -> hant: 余 -> 余 (override, 1): ，则余必坚" in result.stdout   # one-to-many, read alike
    assert re.search(r"^alike -> hans: 藉 -> 借 \(override, \d+\): ", result.stdout, re.M)
    assert re.search(r"^conversion review: \d+ units \(\d+ characters\) compared with zhconv; \d+ disagreements, "
                     r"\d+ one-to-many characters; findings by decision: "
                     r"agree \d+, keep \d+, override \d+, protected \d+$",
                     result.stdout, re.M)


def test_candidates_list_uncovered_names_only(tmp_path):
    import subprocess
    import sys
    result = subprocess.run([sys.executable, str(ROOT / "build_edition.py"), "glossary-candidates"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0
    names = [line.split()[1] for line in result.stdout.split("\n\n")[0].splitlines()[1:]]
    assert "王永祥" in names                          # a scholar: listed, and deliberately not an entry
    assert not {"蒋中正", "宋子文", "张嘉璈"} & set(names)  # covered names are not listed
