"""core.memo: a stored value answers only for its own key; anything else is computed again."""
import json

from edition.core.memo import key_of, stored


def test_a_value_is_stored_and_read_back_for_the_same_key_only(tmp_path):
    calls = []

    def compute(value):
        def run():
            calls.append(value)
            return {"a": [1, 2]} if value == 1 else [value]
        return run

    assert stored(tmp_path, "x", key_of("one"), compute(1)) == {"a": [1, 2]}
    assert stored(tmp_path, "x", key_of("one"), compute(2)) == {"a": [1, 2]}          # read back
    assert stored(tmp_path, "x", key_of("two"), compute(3)) == [3]                    # another key
    assert calls == [1, 3]
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["key"] == key_of("two")
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_damaged_or_foreign_file_is_computed_again(tmp_path):
    for damaged in ('{"key": ', '["a"]', '{"value": 1}', '{"key": "other", "value": 1}'):
        (tmp_path / "x.json").write_text(damaged, encoding="utf-8")
        assert stored(tmp_path, "x", key_of("k"), lambda: 7) == 7
        assert stored(tmp_path, "x", key_of("k"), lambda: 8) == 7


def test_keys_tell_apart_what_concatenation_would_join():
    assert len({key_of("ab", "c"), key_of("a", "bc"), key_of(["ab", "c"]), key_of(["a", "bc"]), key_of("abc")}) == 5


class Planted:
    """What someone who can write build/cache/ might put there: a pickle that runs a command."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        import os
        return os.system, (f"touch {self.marker}",)


def test_stored_objects_come_back_equal_and_a_planted_pickle_runs_nothing(tmp_path):
    import pickle

    from edition.core.inputs import RawLine
    from edition.core.memo import stored_objects
    from edition.core.model import Change, Page
    page = Page(1, 1, (RawLine(3, "正文"),), (), (), (Change("furniture", 2, "12", ""),), "12")
    key = key_of("page")
    assert stored_objects(tmp_path, "p", key, lambda: (page, [1, "a"]), [Page, Change, RawLine]) == (page, [1, "a"])
    assert stored_objects(tmp_path, "p", key, lambda: None, [Page, Change, RawLine]) == (page, [1, "a"])  # read back
    # A class outside those named: computed again, not made (Page is not allowed here).
    assert stored_objects(tmp_path, "p", key, lambda: "again", [Change, RawLine]) == "again"
    # A pickle planted under the right key that would run a command: refused, computed again.
    marker = tmp_path / "ran"
    (tmp_path / "p.pickle").write_bytes(key.encode("ascii") + b"\n" + pickle.dumps(Planted(marker)))
    assert stored_objects(tmp_path, "p", key, lambda: "safe", [Page, Change, RawLine]) == "safe"
    assert not marker.exists()
    # Read-only: nothing written.
    assert stored_objects(tmp_path / "ro", "p", key, lambda: 1, [], write=False) == 1
    assert not (tmp_path / "ro").exists()


def test_a_pickle_that_changes_an_allowed_class_or_has_another_shape_is_computed_again(tmp_path):
    """pickle's BUILD can set attributes on a class it may name (`Change`): the class is put back
    and the file refused; a value of another shape than asked is refused too (found by review)."""
    import pickle

    from edition.core.memo import stored_objects
    from edition.core.model import Change
    key = key_of("k")
    # GLOBAL edition.core.model Change; state (None, {'fix': 'PWNED'}); BUILD; then a tuple of it
    poison = (b"\x80\x02cedition.core.model\nChange\nN}X\x03\x00\x00\x00fixX\x05\x00\x00\x00PWNEDs\x86b\x85.")
    (tmp_path / "p.pickle").write_bytes(key.encode("ascii") + b"\n" + poison)
    assert stored_objects(tmp_path, "p", key, lambda: ("fresh",), [Change], shape=(str,)) == ("fresh",)
    assert not hasattr(Change, "fix") or Change.fix != "PWNED"
    assert Change("a", 1, "b", "").fix == "a"
    (tmp_path / "p.pickle").write_bytes(key.encode("ascii") + b"\n" + pickle.dumps(["not", "a", "tuple"]))
    assert stored_objects(tmp_path, "p", key, lambda: ("again",), [Change], shape=(str,)) == ("again",)
    huge = b"\x80\x04\x8e" + (2 ** 62).to_bytes(8, "little")    # a length no memory holds
    (tmp_path / "p.pickle").write_bytes(key.encode("ascii") + b"\n" + huge)
    assert stored_objects(tmp_path, "p", key, lambda: ("third",), [Change], shape=(str,)) == ("third",)
