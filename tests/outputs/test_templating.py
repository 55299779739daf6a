"""Compiled templates kept between runs (outputs/templating.bytecode_cache): reused only by an
environment of the same kind, and only while the template's source is unchanged."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from generator.outputs.templating import bytecode_cache


def render(folder: Path, kind: str, autoescape: bool) -> str:
    """A new environment each time, as a new process has: its code comes from the cache."""
    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=autoescape, bytecode_cache=bytecode_cache(kind))
    return env.get_template("t.j2").render(x="<b>")


def test_environments_of_different_settings_never_share_compiled_code(tmp_path: Path) -> None:
    (tmp_path / "t.j2").write_text("{{ x }}", encoding="utf-8")
    kinds = (f"test-escaped-{tmp_path.name}", f"test-plain-{tmp_path.name}")
    for _ in range(2):  # the second round loads what the first compiled
        assert render(tmp_path, kinds[0], autoescape=True) == "&lt;b&gt;"
        assert render(tmp_path, kinds[1], autoescape=False) == "<b>"


def test_a_changed_template_is_compiled_again(tmp_path: Path) -> None:
    template = tmp_path / "t.j2"
    kind = f"test-changed-{tmp_path.name}"
    template.write_text("one {{ x }}", encoding="utf-8")
    assert render(tmp_path, kind, autoescape=False) == "one <b>"
    template.write_text("two {{ x }}", encoding="utf-8")
    assert render(tmp_path, kind, autoescape=False) == "two <b>"


def test_the_site_theme_is_cached_by_name_wherever_its_folder_is(tmp_path: Path) -> None:
    cache = bytecode_cache("mkdocs")
    assert cache is not None
    assert cache.get_cache_key("main.html", str(tmp_path / "a" / "main.html")) == cache.get_cache_key(
        "main.html", str(tmp_path / "b" / "main.html")
    )
