"""add-text's refusals (edition/sources/new_text.py, edition/add_text.py), run through the command
line as an editor runs them: each is one sentence naming what is wrong, exit status 1, no
traceback, and sources/ byte for byte as it was."""
import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from edition.cli import main
from edition.core.encode import yaml_scalar as scalar
from tests.conftest import ROOT, copy_project

EXAMPLE = ROOT / "examples" / "memo.txt"


def tree(folder):
    """Every file under `folder` with the sha256 of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


def add_text(project, capsys, *args):
    before = tree(project / "sources")
    status = main(["add-text", *map(str, args), "--sources", str(project / "sources")])
    captured = capsys.readouterr()
    assert tree(project / "sources") == before, "a refusal changed sources/"
    assert "Traceback" not in captured.err + captured.out
    return status, captured.err


@pytest.mark.parametrize("text_id, sentence", [
    ("mongolia", "--id: a text 'mongolia' is already in sources/edition.yml; choose another id"),
    ("Memo_1", "--id: 'Memo_1' must be lowercase ASCII letters and digits joined by single hyphens"),
    ("a" * 31, "at most 30 long"),
])
def test_a_bad_or_taken_id_is_refused(project, capsys, text_id, sentence):
    status, err = add_text(project, capsys, EXAMPLE, "--id", text_id, "--title", "t")
    assert status == 1 and sentence in err


def test_a_raw_file_of_that_name_is_never_overwritten(project, capsys):
    (project / "sources" / "memo.txt").write_text("an editor's file\n", encoding="utf-8")
    status, err = add_text(project, capsys, EXAMPLE, "--id", "memo", "--title", "t")
    assert status == 1 and "sources/memo.txt: already exists; add-text never overwrites" in err


def test_a_path_that_is_not_a_file_is_refused(project, capsys, tmp_path):
    status, err = add_text(project, capsys, tmp_path, "--id", "memo", "--title", "t")
    assert status == 1 and f"{tmp_path}: is a folder, not a file" in err
    status, err = add_text(project, capsys, tmp_path / "none.txt", "--id", "memo", "--title", "t")
    assert status == 1 and f"{tmp_path / 'none.txt'}: no such file" in err


def test_a_file_that_is_not_utf8_is_refused_with_the_command_that_converts_it(project, capsys, tmp_path):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("第一行\n東北接收的經過，外交部的檔案。\n".encode("big5"))
    status, err = add_text(project, capsys, legacy, "--id", "legacy", "--title", "t")
    assert status == 1 and f"{legacy}:1: not UTF-8" in err and "iconv -f BIG5 -t UTF-8" in err


@pytest.mark.parametrize("content", [b"", b"\n\n", b" \t\r\n\xe3\x80\x80\n"], ids=["empty", "line-ends", "spaces"])
def test_a_file_without_text_is_refused(project, capsys, tmp_path, content):
    """Found by a hostile try: an empty extraction was added and 'built' as a text of no pages."""
    blank = tmp_path / "blank.txt"
    blank.write_bytes(content)
    status, err = add_text(project, capsys, blank, "--id", "blank", "--title", "t")
    assert status == 1 and f"{blank}: holds no text" in err


@pytest.mark.parametrize("extra, sentence", [
    (["--type", "novel"], "--type: unknown work type 'novel'; known: thesis, article-journal"),
    (["--type", "book"], "--type: a book needs --meta publisher=… --meta year=…"),
    (["--type", "book", "--meta", "publisher=中華書局", "--meta", "journal=x", "--meta", "year=1962"],
     "--meta: 'journal=x' is not KEY=VALUE with a key of a book"),
    (["--type", "article-journal", "--meta", "journal=近代史研究", "--meta", "year=MCM"],
     "'year' must be a whole number"),
])
def test_a_work_type_without_its_metadata_is_refused(project, capsys, extra, sentence):
    status, err = add_text(project, capsys, EXAMPLE, "--id", "memo", "--title", "t", *extra)
    assert status == 1 and sentence in err


def test_add_text_needs_its_arguments(project, capsys):
    status, err = add_text(project, capsys, EXAMPLE, "--id", "memo")
    assert status == 1 and "add-text needs PATH, --id and --title" in err


def test_a_declared_value_is_written_as_a_scalar_that_reads_back_as_itself():
    import yaml
    for value in ["標題: 甲 # 乙", "'引號'", "- 列表", "{a: 1}", "line\nbreak", "null", "1946", None, 1946]:
        assert yaml.safe_load(f"key: {scalar(value)}") == {"key": value}


def test_a_file_already_in_sources_is_taken_where_it_is_and_kept_on_failure(project, capsys):
    """An editor who copied the file to sources/<id>.txt first: add-text takes it there; when the
    text cannot be read, edition.yml is restored and the editor's file stays."""
    placed = project / "sources" / "memo.txt"
    raw = EXAMPLE.read_text(encoding="utf-8").split("\n")
    placed.write_text("\n".join(line for line in raw if not line.startswith("2 ")), encoding="utf-8")   # a note lost
    before = tree(project / "sources")
    status = main(["add-text", str(placed), "--id", "memo", "--title", "t", "--sources", str(project / "sources")])
    out = capsys.readouterr().out
    assert status == 1 and "marker 2 has no note" in out and "sources/ is as it was" in out
    assert tree(project / "sources") == before


def test_an_edition_that_does_not_build_is_named_before_the_text_is_added(project, capsys):
    """A mistake already in sources/ is not blamed on the new text: add-text names it and writes nothing."""
    glyphs = project / "sources" / "glyphs.yml"
    glyphs.write_text(glyphs.read_text(encoding="utf-8") + "- {text: nosuch, wrong: 頇, right: 須, reason: r}\n",
                      encoding="utf-8")
    status, err = add_text(project, capsys, EXAMPLE, "--id", "memo", "--title", "t")
    assert status == 1 and "add-text failed; nothing was written." in err and "unknown text 'nosuch'" in err


@given(st.one_of(st.text(), st.integers(), st.none()))
def test_any_declared_value_reads_back_as_itself(value):
    """The oracle is YAML itself: what add-text writes into edition.yml is read back unchanged."""
    import yaml
    assert yaml.safe_load(f"key: {scalar(value)}") == {"key": value}


@pytest.mark.parametrize("before", [None, "", "[]\n", "# repairs\n- {text: a, wrong: 頇, right: 須, reason: r}\n"])
def test_the_font_forms_found_go_into_glyphs_yml_for_the_text_and_out_again_on_undo(tmp_path, before):
    """add-text writes the repairs it found (edition/add_text.py `repair_block`) as entries of
    sources/glyphs.yml, which reads back as YAML with them; undone, the file is as it was (or gone)."""
    import yaml

    from edition.add_text import repair_block
    from edition.sources.new_text import NewText, add
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "edition.yml").write_text("texts:\n  - id: a\n", encoding="utf-8")
    if before is not None:
        (sources / "glyphs.yml").write_text(before, encoding="utf-8")
    new = NewText("b", "b.txt", b"x", hashlib.sha256(b"x").hexdigest(), ())
    intake = add(sources, new, "  - id: b\n", repair_block("b", {"⋯": "…"}))
    entries = yaml.safe_load((sources / "glyphs.yml").read_text(encoding="utf-8"))
    assert entries[-1]["text"] == "b" and (entries[-1]["wrong"], entries[-1]["right"]) == ("⋯", "…")
    assert len(entries) == (2 if before and "- {" in before else 1)
    intake.undo()
    after = (sources / "glyphs.yml").read_text(encoding="utf-8") if (sources / "glyphs.yml").exists() else None
    assert after == before and not (sources / "b.txt").exists()
    assert repair_block("b", {}) == ""
