"""Templates: every default can be overridden from the store, the sandbox refuses Python internals,
and every fixed label has its Spanish translation."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from planner.publish import (
    TemplateRefused,
    bulletin_document,
    export_minutes,
    minutes_document,
    summary_document,
)
from planner.publish.i18n import catalog_text
from planner.store import Store
from tests.helpers.cli import run
from tests.helpers.store import ROUND_TABLE, SHIPPED

PACKAGE_TEMPLATES = resources.files("planner.publish") / "templates"
DEFAULTS = sorted(entry.name for entry in PACKAGE_TEMPLATES.iterdir() if entry.name.endswith(".j2"))


def all_documents(store: Store) -> str:
    """Every kind of document, in every format: the minutes, a summary and the bulletin."""
    from datetime import date

    return "\n".join(
        render
        for fmt in ("md", "html")
        for render in (
            minutes_document(store, ROUND_TABLE, "es", fmt),
            summary_document(store, ROUND_TABLE, "es", fmt),
            bulletin_document(store, date(2017, 3, 1), date(2017, 3, 31), "es", fmt),
        )
    )


def test_the_package_ships_the_templates() -> None:
    assert {
        "minutes.md.j2",
        "minutes.html.j2",
        "summary.md.j2",
        "summary.html.j2",
        "bulletin.md.j2",
        "bulletin.html.j2",
        "base.html.j2",
        "style.css.j2",
        "story.md.j2",
        "story.html.j2",
        "legend.md.j2",
    } == set(DEFAULTS)


@pytest.fixture(scope="module")
def default_documents() -> str:
    """Every document of the shipped store, rendered from the package's own templates (once: it is read-only)."""
    return all_documents(Store.load(SHIPPED))


@pytest.mark.parametrize("name", DEFAULTS)
def test_every_default_template_is_overridden_from_the_store(
    store_path: Path, name: str, default_documents: str
) -> None:
    marker = f"OVERRIDDEN BY THE OFFICE: {name}"
    assert marker not in default_documents
    templates = store_path / "templates"
    templates.mkdir()
    (templates / name).write_text(f"/* {marker} */\n" if name.endswith(".css.j2") else f"{marker}\n", "utf-8")
    assert marker in all_documents(Store.load(store_path))


def test_an_override_can_reuse_the_default_context(store_path: Path, tmp_path: Path) -> None:
    (store_path / "templates").mkdir()
    (store_path / "templates" / "minutes.md.j2").write_text(
        "# {{ _('Minutes') }}: {{ facts.title }}\n\n{{ facts.when.date }}\n", "utf-8"
    )
    paths = export_minutes(Store.load(store_path), ROUND_TABLE, tmp_path, lang="es", fmt="md")
    assert paths[0].read_text("utf-8") == (
        "# Acta: Mesa intermunicipal sobre migración en Lo Prado\n\njueves 30 de marzo de 2017\n"
    )


HOSTILE_TEMPLATES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ joiner.__init__.__globals__.os }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ namespace.__init__.__globals__ }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{{ self.__init__.__globals__ }}",
    "{{ facts.__class__.__init__.__globals__ }}",
    "{{ range.__self__ }}",
    "{{ ''.format.__globals__ }}",
]


@pytest.mark.parametrize("source", HOSTILE_TEMPLATES)
def test_a_template_reaching_python_internals_is_refused(store_path: Path, tmp_path: Path, source: str) -> None:
    (store_path / "templates").mkdir()
    (store_path / "templates" / "minutes.md.j2").write_text(f"before {source} after\n", "utf-8")
    with pytest.raises(TemplateRefused, match=r"minutes\.md\.j2: refused by the sandbox: access to attribute"):
        minutes_document(Store.load(store_path), ROUND_TABLE, "es", "md")
    out = tmp_path / "out"
    result = run("export", "minutes", ROUND_TABLE, "--store", str(store_path), "--out", str(out))
    assert result.returncode == 1
    assert result.stderr.startswith("planner: template minutes.md.j2") and len(result.stderr.splitlines()) == 1
    assert not out.exists(), "nothing is written when a template is refused"


def test_a_link_out_of_the_templates_folder_is_refused(store_path: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET KEY MATERIAL", "utf-8")
    (store_path / "templates").mkdir()
    (store_path / "templates" / "minutes.md.j2").symlink_to(secret)
    with pytest.raises(TemplateRefused, match=r"templates/minutes\.md\.j2: a link to .*secret\.txt, outside "):
        minutes_document(Store.load(store_path), ROUND_TABLE, "es", "md")
    out = tmp_path / "out"
    result = run("export", "minutes", ROUND_TABLE, "--store", str(store_path), "--out", str(out))
    assert result.returncode == 1 and "SECRET" not in result.stdout + result.stderr
    assert "minutes.md.j2: a link to" in result.stderr and len(result.stderr.splitlines()) == 1
    assert not out.exists(), "nothing is written when a template is refused"


def test_a_link_inside_the_templates_folder_is_followed(store_path: Path) -> None:
    (store_path / "templates").mkdir()
    (store_path / "templates" / "mine.md.j2").write_text("MINE\n", "utf-8")
    (store_path / "templates" / "minutes.md.j2").symlink_to("mine.md.j2")
    assert minutes_document(Store.load(store_path), ROUND_TABLE, "es", "md") == "MINE\n"


def test_a_broken_template_names_its_file_and_line(store_path: Path) -> None:
    (store_path / "templates").mkdir()
    (store_path / "templates" / "summary.html.j2").write_text("ok\n{% if %}\n", "utf-8")
    with pytest.raises(TemplateRefused, match=r"summary\.html\.j2:2"):
        summary_document(Store.load(store_path), ROUND_TABLE, "en", "html")


def test_every_fixed_label_has_a_spanish_translation() -> None:
    root = resources.files("planner.publish")
    method_map = [("templates/**.j2", "jinja2"), ("**.py", "python")]
    options = {"templates/**.j2": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}
    used = {
        message
        for _, _, message, _, _ in extract_from_dir(
            str(root), method_map, options_map=options, keywords={"_": None, "N_": None}
        )
    }
    assert len(used) > 50
    import io

    spanish = read_po(io.BytesIO(catalog_text("es").encode("utf-8")))
    english = read_po(io.BytesIO(catalog_text("en").encode("utf-8")))
    translated = {m.id: m.string for m in spanish if m.id and not m.fuzzy}
    assert not sorted(used - {k for k, v in translated.items() if v}), "labels without a Spanish translation"
    assert not sorted(set(translated) - used), "catalog entries no template or module uses"
    assert {m.id for m in english if m.id} == used
