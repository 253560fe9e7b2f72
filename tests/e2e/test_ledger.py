"""The ledger through whole builds: a renamed text keeps every id and its old addresses forward;
a hand-bent ledger stops the build before anything is written; an unsealed ledger is sealed.
Each test starts from a copy of the built small edition (tests/projects.py): its ledger holds the
article's records alone."""
from pathlib import Path

from tests.conftest import copy_small
from tests.e2e.test_build import run_cli, snapshot
from tests.sources.test_ledger_seal import rename, write


def ledger_of(project: Path) -> list[str]:
    return (project / "sources" / "anchors.lock").read_text(encoding="utf-8").split("\n")


def line_of(ledger: list[str], prefix: str) -> int:
    return next(n for n, line in enumerate(ledger, 1) if line.startswith(prefix))


def test_a_renamed_text_keeps_its_ids_and_its_old_paths_forward(tmp_path, small_edition):
    project = copy_small(small_edition, tmp_path, built=False)     # no old pages that could pass for redirects
    committed = ledger_of(project)
    rename(project / "sources", renamed_from=True)
    result = run_cli(project)
    assert result.returncode == 0, result.stderr
    ledger = (project / "sources" / "anchors.lock").read_text(encoding="utf-8").split("\n")
    before = [line.split(" ")[1:8] for line in committed if line.startswith("mongolia ")]
    after = [line.split(" ")[1:8] for line in ledger if line.startswith("mongolia-1952 ")
             and not line.split(" ")[1].startswith("text/")]
    assert after == before
    assert [line for line in ledger if line.startswith("mongolia-1952 text/mongolia retired ")]
    for script in ("hant", "hans"):
        old = project / "site" / script / "mongolia"
        assert 'url=../../mongolia-1952/yalta/' in (old / "yalta" / "index.html").read_text(encoding="utf-8")
        assert 'url=../mongolia-1952/' in (old / "index.html").read_text(encoding="utf-8")
        assert 'url=../../mongolia-1952/apparatus/' in (old / "apparatus" / "index.html").read_text(encoding="utf-8")
        new = project / "site" / script / "mongolia-1952"
        assert sorted(p.relative_to(old) for p in old.rglob("index.html")) == \
            sorted(p.relative_to(new) for p in new.rglob("index.html"))       # every page has its old address
        assert (project / "site" / script / "mongolia-1952" / "yalta" / "index.html").is_file()
    again = run_cli(project, "--frozen")           # the rename is recorded once: nothing changes after
    assert again.returncode == 0, again.stderr


def test_a_swapped_ledger_stops_the_build_and_the_site_stays(tmp_path, small_edition):
    project = copy_small(small_edition, tmp_path)     # built
    site = snapshot(project / "site")
    committed = ledger_of(project)
    five, six = line_of(committed, "mongolia p0005 "), line_of(committed, "mongolia p0006 ")
    lines = list(committed)
    lines[five - 1] = committed[five - 1].replace("p0005", "p0006", 1)
    lines[six - 1] = committed[six - 1].replace("p0006", "p0005", 1)
    write(project / "sources", lines)
    for flags in ((), ("--frozen",)):
        result = run_cli(project, *flags)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert f"sources/anchors.lock:{five}: this record was changed by hand" in result.stderr
    assert snapshot(project / "site") == site


def test_a_ledger_without_seals_is_sealed_by_the_next_build_keeping_every_id(tmp_path, small_edition):
    project = copy_small(small_edition, tmp_path)
    committed = ledger_of(project)
    unsealed = [line if line.startswith("#") or not line else line.rsplit(" ", 1)[0] for line in committed]
    unsealed = [line.removesuffix(" seal") if line.startswith("# Columns:") else line for line in unsealed]
    write(project / "sources", unsealed)
    frozen = run_cli(project, "--frozen")
    assert frozen.returncode == 1 and "the ledger would change" in frozen.stderr
    assert run_cli(project).returncode == 0
    assert (project / "sources" / "anchors.lock").read_text(encoding="utf-8").split("\n") == committed


def swapped_resealed(lines: list[str], five: int, six: int, sealed: bool) -> list[str]:
    """p0005 and p0006 swapped as someone who read edition/sources/ledger.py would: each seal
    recomputed, or every seal and the header's column removed (a ledger from before seals)."""
    from edition.sources.ledger import seal
    lines = list(lines)
    lines[five - 1] = lines[five - 1].replace("p0005", "p0006", 1)
    lines[six - 1] = lines[six - 1].replace("p0006", "p0005", 1)
    fields = [line if line.startswith("#") or not line else line.rsplit(" ", 1)[0] for line in lines]
    if sealed:
        return [f"{line} {seal(line.split(' '))}" if line and not line.startswith("#") else line for line in fields]
    return [line.removesuffix(" seal") if line.startswith("# Columns:") else line for line in fields]


def test_ids_swapped_with_their_seals_remade_or_removed_stop_the_build(tmp_path, small_edition):
    """A seal anyone can recompute proves nothing about who wrote it; what the text proves does: ids
    are issued in reading order and never move, so p0005 after p0006 is a hand edit (review)."""
    project = copy_small(small_edition, tmp_path)
    committed = ledger_of(project)
    five, six = line_of(committed, "mongolia p0005 "), line_of(committed, "mongolia p0006 ")
    for sealed in (True, False):
        write(project / "sources", swapped_resealed(committed, five, six, sealed))
        for flags in ((), ("--frozen",)):
            result = run_cli(project, *flags)
            assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
            assert f"sources/anchors.lock:{six}: p0005 of text mongolia now stands after p0006" in result.stderr


def test_a_live_id_retired_by_hand_is_never_issued_again(tmp_path, small_edition):
    """p0007 marked retired (its successor p0006, its seal recomputed, as anyone can): the paragraph
    it names is still in the article word for word, so it keeps p0007. No new id is issued for it, and
    the build says so at the line; --frozen refuses, since the ledger changes back."""
    from edition.sources.ledger import seal
    project = copy_small(small_edition, tmp_path)
    committed = ledger_of(project)
    seven = line_of(committed, "mongolia p0007 ")
    fields = committed[seven - 1].split(" ")[:-1]
    fields[2], fields[5], fields[6] = "retired", "2026-12-01", "p0006"
    lines = list(committed)
    lines[seven - 1] = " ".join(fields) + " " + seal(fields)
    write(project / "sources", lines)
    frozen = run_cli(project, "--frozen")
    assert frozen.returncode == 1 and "the ledger would change" in frozen.stderr
    result = run_cli(project)
    assert result.returncode == 0, result.stderr
    assert f"sources/anchors.lock:{seven}: p0007 of text mongolia was retired" in result.stdout + result.stderr
    assert (project / "sources" / "anchors.lock").read_text(encoding="utf-8").split("\n") == committed
    page = (project / "site" / "hant" / "mongolia" / "introduction" / "index.html").read_text(encoding="utf-8")
    assert 'id="p0007"' in page
