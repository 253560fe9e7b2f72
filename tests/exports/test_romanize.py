"""The romanization memo (edition/exports/romanize.py): a build's titles and authors' names are
stored under build/cache/ and read back by the next build without loading jieba or pypinyin; a stored entry answers only
for the same title and the same readings; a damaged file is ignored, never trusted."""
import json
import subprocess
import sys

from tests.conftest import ROOT

PROBE = """
import json, sys
from pathlib import Path
from edition.exports import romanize
romanize.load_memo(Path(sys.argv[1]))
out = [romanize.romanize("莫斯科談判前之東北問題", {"東北": "Dongbei"}), romanize.romanize_name("尤淑君", {})]
out.append("jieba" in sys.modules or "pypinyin" in sys.modules)
if len(sys.argv) > 2:
    romanize.save_memo(Path(sys.argv[1]), sys.argv[2])
print(json.dumps(out, ensure_ascii=False))
"""


def probe(folder, *save: str) -> list:
    done = subprocess.run([sys.executable, "-c", PROBE, str(folder), *save], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


TITLE, NAME = "Mosike tanpan qian zhi Dongbei wenti", "You Shujun"


def test_a_stored_title_and_name_are_read_back_without_jieba_or_pypinyin(tmp_path):
    assert probe(tmp_path, "hant") == [TITLE, NAME, True]        # cold: jieba and pypinyin read them
    assert (tmp_path / "romanize-hant.json").is_file()
    assert probe(tmp_path) == [TITLE, NAME, False]               # warm: neither is loaded


def test_a_name_and_a_title_of_the_same_characters_are_kept_apart(monkeypatch):
    from edition.exports import romanize
    monkeypatch.setattr(romanize, "MEMO", {})      # not what earlier tests of this worker stored
    assert (romanize.romanize_name("尤淑君", {}), romanize.romanize("尤淑君", {})) == (NAME, "Youshujun")
    assert sorted(romanize.MEMO.values()) == sorted([NAME, "Youshujun"])


def test_an_entry_answers_only_for_its_own_readings(tmp_path):
    probe(tmp_path, "hant")
    stored = json.loads((tmp_path / "romanize-hant.json").read_text(encoding="utf-8"))
    assert sorted(stored.values()) == [TITLE, NAME]
    from edition.exports.romanize import _memo_key
    assert _memo_key("莫斯科談判前之東北問題", {"東北": "Dongbei"}) in stored
    assert _memo_key("莫斯科談判前之東北問題", {"東北": "Tungpei"}) not in stored
    assert _memo_key("莫斯科談判前之東北問題", {}) not in stored


def test_a_damaged_memo_is_ignored(tmp_path):
    (tmp_path / "romanize-hant.json").write_text('{"x": ', encoding="utf-8")
    (tmp_path / "romanize-hans.json").write_text('["not", "a", "memo"]', encoding="utf-8")
    assert probe(tmp_path) == [TITLE, NAME, True]


PREPARE = """
import json, sys
from pathlib import Path
from edition.exports import romanize
romanize.load_memo(Path(sys.argv[1]))
romanize.prepare(sys.argv[2:], {"東北": "Dongbei"})
import jieba
print(json.dumps(jieba.dt.initialized))
"""


def test_jieba_is_loaded_before_the_workers_fork_only_for_a_title_not_stored(tmp_path):
    """A build calls `prepare` with its titles before forking its script workers: a new title
    loads jieba's dictionary there once (the workers share it); stored titles load nothing."""
    probe(tmp_path, "hant")

    def prepared(*titles: str) -> bool:
        done = subprocess.run([sys.executable, "-c", PREPARE, str(tmp_path), *titles], cwd=ROOT,
                              capture_output=True, text=True, check=True)
        return json.loads(done.stdout)
    assert prepared("莫斯科談判前之東北問題", "1945") is False
    assert prepared("莫斯科談判前之東北問題", "雅爾達協定") is True
