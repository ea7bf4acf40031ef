"""Text and field rules: single lines, two-language tables, e-mail, links, domains and zones."""

from __future__ import annotations

import unicodedata

import pytest
from pydantic import ValidationError

from planner.domain.event import Event, Venue
from planner.domain.fields import Link
from planner.domain.records import Person
from planner.domain.settings import StoreSettings
from planner.domain.text import Line, Text, multi_line, single_line
from tests.helpers.records import errors, event_data, make_person

# Single lines


def test_a_title_with_a_line_break_is_refused() -> None:
    found = errors(Event, event_data(title={"es": "Mesa de salud\nmigrante", "en": "Round table"}))
    assert found == {"title.es": "must be a single line, but contains a line break"}


def test_a_venue_name_with_a_carriage_return_is_refused() -> None:
    found = errors(Event, event_data(venue={"name": "Centro\rCultural"}))
    assert found == {"venue.name": "must be a single line, but contains a carriage return"}


def test_a_person_name_with_a_nul_character_is_refused() -> None:
    found = errors(Person, {"id": "ana-perez", "name": "Ana\x00Pérez"})
    assert found == {"name": "must be a single line, but contains the control character U+0000"}


@pytest.mark.parametrize(
    ("char", "described"),
    [
        ("\t", "a tab"),
        ("\x0b", "the control character U+000B"),
        ("\x7f", "the control character U+007F"),
        ("\x85", "the control character U+0085"),
        ("\u2028", "the control character U+2028"),
        ("\u2029", "the control character U+2029"),
    ],
)
def test_single_line_refuses_every_control_character(char: str, described: str) -> None:
    with pytest.raises(ValueError) as caught:
        single_line(f"uno{char}dos")
    assert str(caught.value) == f"must be a single line, but contains {described}"


def test_single_line_trims_and_normalises() -> None:
    decomposed = "  Pen\u0303alole\u0301n  "
    assert single_line(decomposed) == "Peñalolén"
    assert unicodedata.is_normalized("NFC", single_line(decomposed))


@pytest.mark.parametrize("blank", ["", "   ", "\u3000"])
def test_single_line_refuses_blank_text(blank: str) -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        single_line(blank)


def test_a_blank_venue_name_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        Venue(name="   ")
    assert "must not be empty" in str(caught.value)


# Multi-line text


def test_multi_line_keeps_line_breaks_and_normalises_crlf() -> None:
    assert multi_line("uno\r\ndos\n\ttres\n") == "uno\ndos\n\ttres"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("uno\rdos", "contains a carriage return, which is not allowed in text"),
        ("uno\x07dos", "contains the control character U+0007, which is not allowed in text"),
        ("uno\x00", "contains the control character U+0000, which is not allowed in text"),
        (" \n ", "must not be empty"),
    ],
)
def test_multi_line_refuses_other_control_characters(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        multi_line(text)
    assert str(caught.value) == message


def test_a_description_with_a_bell_character_is_refused_on_its_field() -> None:
    found = errors(Event, event_data(description={"es": "Texto\x07"}))
    assert found == {"description.es": "contains the control character U+0007, which is not allowed in text"}


# Two-language tables


@pytest.mark.parametrize("model", [Line, Text])
def test_a_bilingual_table_needs_one_language(model: type[Line] | type[Text]) -> None:
    with pytest.raises(ValidationError) as caught:
        model()
    assert "give the text in at least one language (es or en)" in str(caught.value)


def test_an_empty_title_table_is_refused_on_the_title() -> None:
    found = errors(Event, event_data(title={}))
    assert found == {"title": "give the text in at least one language (es or en)"}


def test_a_role_with_neither_language_is_refused() -> None:
    found = errors(Person, {"id": "ana", "name": "Ana", "role": {"es": None, "en": None}})
    assert found == {"role": "give the text in at least one language (es or en)"}


def test_a_third_language_is_an_unknown_field() -> None:
    found = errors(Event, event_data(title={"es": "Mesa", "fr": "Table ronde"}))
    assert found == {"title.fr": "extra_forbidden"}


def test_a_bilingual_text_falls_back_to_the_other_language() -> None:
    only_en = Line(en="Round table")
    assert only_en.get("es") == "Round table"
    assert only_en.has("en")
    assert not only_en.has("es")
    both = Line(es="Mesa", en="Round table")
    assert (both.get("es"), both.get("en")) == ("Mesa", "Round table")


# E-mail addresses


@pytest.mark.parametrize("email", ["ana@example.org", "ana.perez+oim@muni.penalolen.cl", "A.B@Example.ORG"])
def test_good_email_addresses_are_accepted(email: str) -> None:
    assert make_person(email=email).email == email


@pytest.mark.parametrize(
    "email",
    [
        "ana",
        "ana@",
        "@example.org",
        "ana@example",
        "ana perez@example.org",
        "ana@exa_mple.org",
        "ana@-example.org",
        "<ana@example.org>",
        "ana@example.org, luis@example.org",
        "ana@example.org\n",
        "ana\x00@example.org",
    ],
)
def test_bad_email_addresses_are_refused(email: str) -> None:
    found = errors(Person, {"id": "ana", "name": "Ana", "email": email})
    assert found == {"email": f"{email!r} is not an e-mail address such as name@example.org"}


# Links


@pytest.mark.parametrize("url", ["https://example.org", "http://example.org/a/b?c=d&e=f#g", "https://oim.cl/2017"])
def test_good_urls_are_accepted(url: str) -> None:
    assert Link(url=url, title="Enlace").url == url


@pytest.mark.parametrize(
    "url",
    [
        "example.org",
        "ftp://example.org",
        "javascript:alert(1)",
        "HTTPS://example.org",
        "https://",
        "https://exa mple.org",
        'https://example.org/"x"',
        "https://example.org\n",
        "https://example.org/\x00",
    ],
)
def test_bad_urls_are_refused(url: str) -> None:
    found = errors(Event, event_data(links=[{"url": url}]))
    assert found == {"links.0.url": f"{url!r} is not a web address starting with http:// or https://"}


def test_a_link_title_is_a_single_line() -> None:
    found = errors(Event, event_data(links=[{"url": "https://example.org", "title": "uno\ndos"}]))
    assert found == {"links.0.title": "must be a single line, but contains a line break"}


# Domains


@pytest.mark.parametrize("domain", ["planner.example.org", "oim.cl", "a-b.c-d.org"])
def test_good_domains_are_accepted(domain: str) -> None:
    assert StoreSettings(calendar_domain=domain).calendar_domain == domain


@pytest.mark.parametrize(
    "domain",
    ["Planner.example.org", "localhost", "-a.org", "a-.org", "a..org", "https://example.org", "example.org\n", ""],
)
def test_bad_domains_are_refused(domain: str) -> None:
    found = errors(StoreSettings, {"calendar_domain": domain})
    assert found == {"calendar_domain": f"{domain!r} is not a lower-case domain name such as planner.example.org"}


def test_settings_check_the_organizer_email_too() -> None:
    found = errors(StoreSettings, {"organizer_email": "oim"})
    assert found == {"organizer_email": "'oim' is not an e-mail address such as name@example.org"}


# Zones


@pytest.mark.parametrize(
    "name", ["America/Santiago", "Europe/Madrid", "America/Argentina/Buenos_Aires", "Pacific/Easter", "UTC"]
)
def test_iana_zones_are_accepted(name: str) -> None:
    event = Event.model_validate(event_data(tz=name))
    assert event.tz == name
    assert event.start.tzinfo is not None
    assert event.start.tzinfo.key == name  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "name", ["Etc/GMT+3", "Etc/UTC", "EST", "MST", "EST5EDT", "CET", "GMT", "GMT+0", "UCT", "Zulu", "Greenwich"]
)
def test_fixed_offsets_and_legacy_zones_are_refused(name: str) -> None:
    found = errors(Event, event_data(tz=name))
    assert found["tz"] == f"{name!r} is a fixed offset or legacy zone; use a place name such as 'America/Santiago'"


@pytest.mark.parametrize(
    "name",
    [
        "Mars/Olympus_Mons",
        "america/santiago",
        "Santiago",
        "America/Santiago ",
        "../../etc/passwd",
        "localtime",
        "Factory",
    ],
)
def test_unknown_zone_names_are_refused(name: str) -> None:
    found = errors(Event, event_data(tz=name))
    assert found["tz"] == f"{name!r} is not an IANA time zone name; use a name such as 'America/Santiago'"


def test_an_empty_zone_is_refused() -> None:
    found = errors(Event, event_data(tz=""))
    assert found["tz"] == "a time zone must be an IANA name such as 'America/Santiago'"


def test_a_leg_zone_is_checked_like_the_event_zone() -> None:
    leg = {"id": "x", "city": "Mendoza", "tz": "Etc/GMT+3", "start": "2017-03-30T10:00", "end": "2017-03-30T11:00"}
    found = errors(Event, event_data(kind="study-visit", end=event_data()["end"].replace(hour=23), legs=[leg]))
    assert found["legs.0.tz"].startswith("'Etc/GMT+3' is a fixed offset or legacy zone")


def test_settings_refuse_a_fixed_offset_home_zone() -> None:
    found = errors(StoreSettings, {"home_tz": "Etc/GMT+4"})
    assert found == {
        "home_tz": "'Etc/GMT+4' is a fixed offset or legacy zone; use a place name such as 'America/Santiago'"
    }
