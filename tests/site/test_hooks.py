"""edition/site/hooks.py: the theme's loader lists what MkDocs copies from the theme, and no less.
The oracle is MkDocs' own `Files.add_files_from_theme` over Jinja's own loader."""
import jinja2
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from edition.site.hooks import ThemeLoader, on_config
from edition.site.mkdocs_build import TEMPLATES


def config_in(tmp_path, **theme):
    """MkDocs' configuration of a site in `tmp_path` (its own mkdocs.yml, never the checkout's)."""
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return load_config(config_file=str(tmp_path / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"),
                       site_dir=str(tmp_path / "site"), theme={"name": "material", **theme})


def theme_files(loader_class, tmp_path, dirs=None) -> list[str]:
    config = config_in(tmp_path, custom_dir=str(TEMPLATES / "overrides"))
    files = Files([])
    files.add_files_from_theme(jinja2.Environment(loader=loader_class(dirs or config.theme.dirs)), config)
    return sorted(file.src_uri for file in files)


def test_mkdocs_copies_the_same_theme_files_with_the_loader_that_lists_less(tmp_path):
    copied = theme_files(ThemeLoader, tmp_path)
    assert copied == theme_files(jinja2.FileSystemLoader, tmp_path)
    assert any(name.startswith("assets/javascripts/") for name in copied)     # the theme's assets are there


def test_hidden_files_and_folders_are_left_out_at_any_depth_and_the_rest_listed(tmp_path):
    theme = tmp_path / "theme"
    for name in ("main.html", "assets/a.css", ".icons/x/y.svg", "assets/.hidden.css", "assets/.d/z.js",
                 "deep/er/ok.js", "deep/.er/no.js"):
        (theme / name).parent.mkdir(parents=True, exist_ok=True)
        (theme / name).write_text("x")
    assert ThemeLoader([str(theme)]).list_templates() == ["assets/a.css", "deep/er/ok.js", "main.html"]
    # what it leaves out, MkDocs' own filter leaves out of Jinja's whole listing too
    assert theme_files(ThemeLoader, tmp_path, [str(theme)]) == theme_files(jinja2.FileSystemLoader, tmp_path,
                                                                           [str(theme)])
    assert jinja2.Environment(loader=ThemeLoader([str(theme)])).get_template(".icons/x/y.svg").render() == "x"


def test_the_hook_gives_mkdocs_the_loader(tmp_path):
    env = on_config(config_in(tmp_path)).theme.get_env()
    assert isinstance(env.loader, ThemeLoader) and env.filters["url"]      # MkDocs' own environment otherwise


def test_the_theme_keeps_compiled_templates_for_every_environment_once_themed(tmp_path, monkeypatch):
    """The build sets the theme up before MkDocs runs the plugins' `on_config` (Material's search
    plugin renders its language templates there): every environment made afterwards reads the
    bytecode kept in `extra.edition_cache` instead of compiling; the hook's `on_config`, run from
    the hook file as MkDocs loads it (a module of its own), changes nothing more."""
    import importlib.util

    from edition.site.hooks import themed
    from edition.site.mkdocs_build import HOOK
    compiled = []
    real = jinja2.Environment.compile

    def compile_(env, source, name=None, *args, **options):
        compiled.append(name)
        return real(env, source, name, *args, **options)
    monkeypatch.setattr(jinja2.Environment, "compile", compile_)
    config = config_in(tmp_path)
    config["extra"]["edition_cache"] = str(tmp_path / "jinja")
    themed(config)
    wrapped = config.theme.get_env
    spec = importlib.util.spec_from_file_location("hooks_as_mkdocs_loads_it", HOOK)
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    assert hook.on_config(config).theme.get_env is wrapped and themed(config).theme.get_env is wrapped   # once
    name = "partials/language.html"
    first = config.theme.get_env()
    assert isinstance(first.loader, ThemeLoader) and first.filters["url"]
    first.get_template(name)
    assert name in compiled and list((tmp_path / "jinja").iterdir())
    compiled.clear()
    config.theme.get_env().get_template(name)           # a new environment, as the next build's
    assert compiled == []
    other = config.theme.get_env()
    assert getattr(other.filters["url"], "jinja_pass_arg", None) is not None   # MkDocs' takes the context
    other.filters["url"] = lambda value: value          # a filter called another way
    other.get_template(name)
    assert name in compiled                             # never another environment's code
    (tmp_path / "other").mkdir()
    assert config_in(tmp_path / "other").theme.get_env().bytecode_cache is None   # MkDocs' own, unthemed
