"""A store's templates render within limits, and only from a templates folder that is the store's own.

A template that loops or grows without end is refused with one line naming
it and the limit; a ``templates`` folder that is a link (out of the store or
not) is refused with one line naming it. In every case nothing is written:
the output folder is compared before and after.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from planner.publish import TemplateRefused, minutes_document
from planner.publish.templating import LIMITS, Limits, render
from planner.store import Store
from tests.helpers.cli import Result, run
from tests.helpers.store import ROUND_TABLE


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def export_with(store: Path, out: Path, template: str) -> Result:
    """``export minutes`` with ``template`` as the store's minutes, over an output folder that already
    holds documents: a refusal must leave them exactly as they were."""
    assert run("export", "minutes", ROUND_TABLE, "--store", str(store), "--out", str(out)).returncode == 0
    before = files(out)
    (store / "templates").mkdir(exist_ok=True)
    (store / "templates" / "minutes.md.j2").write_text(template, "utf-8")
    result = run("export", "minutes", ROUND_TABLE, "--store", str(store), "--out", str(out))
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert files(out) == before, "nothing is written when a template is refused"
    return result


def test_the_defaults_are_the_documented_ones() -> None:
    assert Limits(characters=5_000_000, seconds=10.0) == LIMITS
    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    assert "5,000,000 characters" in readme and "10 seconds" in readme


def test_a_huge_loop_is_refused_at_once(store_path: Path, tmp_path: Path) -> None:
    started = time.monotonic()
    huge = "{% for i in range(10**6) %}{% for j in range(10**6) %}x{% endfor %}{% endfor %}\n"
    result = export_with(store_path, tmp_path / "out", huge)
    assert time.monotonic() - started < 10
    assert result.stderr.startswith("planner: template minutes.md.j2: refused by the sandbox: range of 1,000,000")
    assert "the 100,000 a template may use" in result.stderr


def test_output_past_the_limit_is_refused(store_path: Path, tmp_path: Path) -> None:
    grows = '{% for i in range(60) %}{{ "y" * 100000 }}{% endfor %}\n'  # 6,000,000 characters
    result = export_with(store_path, tmp_path / "out", grows)
    assert result.stderr == (
        "planner: template minutes.md.j2: refused: its output passes the limit of 5,000,000 characters\n"
    )


def test_one_product_past_the_limit_is_refused_before_it_is_made(store_path: Path, tmp_path: Path) -> None:
    result = export_with(store_path, tmp_path / "out", '{{ "y" * 10**9 }}\n')
    assert "minutes.md.j2: refused by the sandbox: a value of 1,000,000,000 items" in result.stderr


def test_a_power_past_the_limit_is_refused_before_it_is_computed(store_path: Path, tmp_path: Path) -> None:
    result = export_with(store_path, tmp_path / "out", "{{ 7 ** 1000000 }}\n")
    refusal = "planner: template minutes.md.j2: refused by the sandbox: 7 ** 1000000 is too large a number\n"
    assert result.stderr == refusal


def test_a_loop_writing_nothing_is_stopped_by_the_time_limit(store_path: Path) -> None:
    (store_path / "templates").mkdir()
    silent = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}done\n"
    (store_path / "templates" / "minutes.md.j2").write_text(silent, "utf-8")
    started = time.monotonic()
    with pytest.raises(TemplateRefused) as refused:
        render(store_path, "minutes.md.j2", "es", "md", {}, Limits(seconds=0.3))
    assert time.monotonic() - started < 5
    assert str(refused.value) == "template minutes.md.j2: refused: rendering took longer than the limit of 0.3 seconds"


def test_a_template_calling_itself_without_end_is_refused(store_path: Path) -> None:
    (store_path / "templates").mkdir()
    endless = "{% macro again() %}{{ again() }}{% endmacro %}{{ again() }}\n"
    (store_path / "templates" / "minutes.md.j2").write_text(endless, "utf-8")
    with pytest.raises(TemplateRefused, match=r"^template minutes\.md\.j2: refused: it calls itself without end$"):
        minutes_document(Store.load(store_path), ROUND_TABLE, "es", "md")


@pytest.mark.parametrize("inside", [False, True], ids=["outside-the-store", "inside-the-store"])
def test_a_templates_folder_that_is_a_link_is_refused(store_path: Path, tmp_path: Path, inside: bool) -> None:
    elsewhere = store_path / "people" / "mine" if inside else tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "minutes.md.j2").write_text("FROM ELSEWHERE\n", "utf-8")
    (store_path / "templates").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(TemplateRefused, match=r"templates: the templates folder is a link to .*; it must be a folder"):
        minutes_document(Store.load(store_path), ROUND_TABLE, "es", "md")
    out = tmp_path / "out"
    out.mkdir()
    (out / "kept.txt").write_text("kept\n", "utf-8")
    result = run("export", "minutes", ROUND_TABLE, "--store", str(store_path), "--out", str(out))
    assert result.returncode == 1
    assert result.stderr.startswith(f"planner: {store_path / 'templates'}: the templates folder is a link to ")
    assert len(result.stderr.splitlines()) == 1 and "FROM ELSEWHERE" not in result.stdout
    assert files(out) == {"kept.txt": b"kept\n"}
