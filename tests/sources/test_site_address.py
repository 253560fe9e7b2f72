"""The site address of mkdocs.yml (edition/sources/site_address.py): a value that is not an http(s)
address is an error at its own line; a placeholder is a warning and is not published."""
import pytest

from edition.core.errors import Problems
from edition.sources.site_address import configured_site_url, site_url

CONFIG = "site_name: x\nstrict: true\ntheme:\n  name: material\n"


@pytest.mark.parametrize("value", ['"<script>x</script>"', '"javascript:alert(1)"', '"../../etc"', "[1, 2]",
                                   '"https://a b/"', "{url: 1}"])
def test_a_site_url_that_is_no_address_is_named_at_its_line(tmp_path, value):
    (tmp_path / "mkdocs.yml").write_text(CONFIG + f"site_url: {value}\nuse_directory_urls: true\n", encoding="utf-8")
    problems = Problems()
    assert configured_site_url(tmp_path, problems) == ""
    assert [str(p) for p in problems.items] == [
        "mkdocs.yml:5: site_url must be an http(s) address such as https://example.edu/edition/"]


@pytest.mark.parametrize("value", ['""', "null", ""])
def test_no_site_url_is_no_address_and_no_problem(tmp_path, value):
    (tmp_path / "mkdocs.yml").write_text(CONFIG + f"site_url: {value}\n", encoding="utf-8")
    problems = Problems()
    assert configured_site_url(tmp_path, problems) == "" and problems.items == []
    assert site_url(None) == ("", None)


def test_a_placeholder_address_is_a_warning_and_not_used():
    address, warning = site_url("https://edition.example.org/x/")
    assert address == "" and "reserved example domain" in warning
