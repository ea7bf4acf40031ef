"""The rules of an event: order of times, legs, kind-specific fields, uniqueness, unknown fields."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from pydantic import ValidationError

from planner.domain.event import Delegate, Event
from tests.helpers.records import errors, event_data, make_event, visit_data

# Start and end


@pytest.mark.parametrize("end", [datetime(2017, 3, 30, 9, 30), datetime(2017, 3, 30, 8, 0), datetime(2016, 1, 1)])
def test_the_end_must_come_after_the_start(end: datetime) -> None:
    found = errors(Event, event_data(end=end))
    assert found == {"": "end: the end must come after the start"}


def test_end_is_compared_as_an_instant() -> None:
    # 10:00 in Santiago is 14:00 in Madrid: an end at 14:30 Madrid time is after it.
    event = make_event(start=datetime(2017, 3, 30, 10), end=datetime(2017, 3, 30, 13, 30))
    assert event.end > event.start


@pytest.mark.parametrize("missing", ["id", "title", "kind", "start", "end"])
def test_required_fields(missing: str) -> None:
    data = event_data()
    del data[missing]
    found = errors(Event, data)
    assert found[missing] == "Field required"


# Legs of a study visit


def test_a_valid_study_visit_with_legs_in_other_zones() -> None:
    event = Event.model_validate(visit_data())
    assert [leg.id for leg in event.legs] == ["madrid", "paris"]


def test_a_leg_before_the_visit_starts_is_refused() -> None:
    data = visit_data()
    data["legs"][0]["start"] = datetime(2017, 5, 31, 9, 0)
    assert errors(Event, data) == {"": "legs: leg 'madrid' must fall within the visit's start and end"}


def test_a_leg_after_the_visit_ends_is_refused() -> None:
    data = visit_data()
    data["legs"][1]["end"] = datetime(2017, 6, 11, 9, 0)
    assert errors(Event, data) == {"": "legs: leg 'paris' must fall within the visit's start and end"}


def test_a_leg_is_compared_with_the_visit_as_an_instant() -> None:
    # The visit ends 20:00 in Santiago, i.e. 02:00 the next day in Paris.
    data = visit_data()
    data["legs"][1]["end"] = datetime(2017, 6, 11, 1, 30)
    assert Event.model_validate(data).legs[1].end.day == 11
    data["legs"][1]["end"] = datetime(2017, 6, 11, 2, 30)
    assert errors(Event, data) == {"": "legs: leg 'paris' must fall within the visit's start and end"}


def test_legs_out_of_order_are_refused() -> None:
    data = visit_data()
    data["legs"].reverse()
    assert errors(Event, data) == {"": "legs: leg 'madrid' starts before leg 'paris' ends; list legs in order"}


def test_overlapping_legs_are_refused() -> None:
    data = visit_data()
    data["legs"][1]["start"] = datetime(2017, 6, 4, 17, 0)
    assert errors(Event, data) == {"": "legs: leg 'paris' starts before leg 'madrid' ends; list legs in order"}


def test_a_leg_ending_before_it_starts_is_refused() -> None:
    data = visit_data()
    data["legs"][0]["end"] = datetime(2017, 6, 2, 8, 0)
    assert errors(Event, data) == {"legs.0": "leg 'madrid': the end must come after the start"}


def test_two_legs_with_one_id_are_refused() -> None:
    data = visit_data()
    data["legs"][1]["id"] = "madrid"
    assert errors(Event, data) == {"": "legs: leg id 'madrid' appears twice"}


# Fields that belong to one kind only


LEG = {"id": "x", "city": "Madrid", "tz": "Europe/Madrid", "start": "2017-03-30T14:00", "end": "2017-03-30T15:00"}


@pytest.mark.parametrize(
    ("kind", "extra", "message"),
    [
        ("round-table", {"legs": [LEG]}, "legs: only a study-visit event has legs, this one is a round-table"),
        ("workshop", {"format": "seminar"}, "format: only a conference event has format, this one is a workshop"),
        (
            "conference",
            {"signatories": [{"person": "ana-perez"}]},
            "signatories: only a agreement-signing event has signatories, this one is a conference",
        ),
        (
            "workshop",
            {"areas": [{"es": "Salud"}]},
            "areas: only a agreement-signing event has areas, this one is a workshop",
        ),
        ("other", {"format": "forum"}, "format: only a conference event has format, this one is a other"),
    ],
)
def test_kind_specific_fields_are_refused_on_other_kinds(kind: str, extra: dict[str, object], message: str) -> None:
    found = errors(Event, event_data(kind=kind, **extra))
    assert found == {"": message}


@pytest.mark.parametrize(
    ("kind", "extra"),
    [
        ("conference", {"format": "breakfast"}),
        ("agreement-signing", {"signatories": [{"person": "ana-perez", "organization": "oim-chile"}]}),
        ("agreement-signing", {"areas": [{"es": "Salud", "en": "Health"}]}),
    ],
)
def test_kind_specific_fields_are_accepted_on_their_kind(kind: str, extra: dict[str, object]) -> None:
    event = make_event(kind=kind, **extra)
    assert event.kind == kind


def test_an_unknown_conference_format_is_refused() -> None:
    found = errors(Event, event_data(kind="conference", format="party"))
    assert found == {"format": "Input should be 'breakfast', 'seminar', 'forum' or 'conference'"}


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "party"), ("status", "maybe"), ("invitations", [{"person": "ana", "answer": "perhaps"}])],
)
def test_values_outside_their_list_are_refused(field: str, value: object) -> None:
    found = errors(Event, event_data(**{field: value}))
    (message,) = found.values()
    assert message.startswith("Input should be ")


# Uniqueness and delegates


def test_a_person_invited_twice_is_refused() -> None:
    found = errors(
        Event, event_data(invitations=[{"person": "ana-perez"}, {"person": "luis"}, {"person": "ana-perez"}])
    )
    assert found == {"": "invitations: person invited 'ana-perez' appears twice"}


def test_a_municipality_invited_twice_as_guest_is_refused() -> None:
    found = errors(Event, event_data(guests=[{"municipality": "penalolen"}, {"municipality": "penalolen"}]))
    assert found == {"": "guests: guest municipality 'penalolen' appears twice"}


def test_a_delegate_needs_a_person_or_a_role() -> None:
    found = errors(Event, event_data(guests=[{"municipality": "penalolen", "delegates": [{}]}]))
    assert found == {"guests.0.delegates.0": "a delegate needs a person or at least a role"}
    with pytest.raises(ValidationError, match="a delegate needs a person or at least a role"):
        Delegate()


def test_a_delegate_with_only_a_role_is_accepted() -> None:
    assert Delegate(role={"es": "Alcaldesa"}).person is None
    assert Delegate(person="ana-perez").role is None


# Unknown fields and other checks


def test_an_unknown_field_is_reported() -> None:
    assert errors(Event, event_data(venu={"name": "Centro"})) == {"venu": "extra_forbidden"}


def test_an_unknown_nested_field_is_reported() -> None:
    found = errors(Event, event_data(venue={"name": "Centro", "adress": "Av. Grecia 8735"}))
    assert found == {"venue.adress": "extra_forbidden"}


def test_a_negative_sequence_is_refused() -> None:
    assert errors(Event, event_data(sequence=-1)) == {"sequence": "Input should be greater than or equal to 0"}


def test_agenda_times_are_local_times() -> None:
    from datetime import UTC

    found = errors(Event, event_data(agenda=[{"time": time(9, 30, tzinfo=UTC), "title": {"es": "Inicio"}}]))
    assert found == {"agenda.0.time": "give agenda times as local times (09:30), without an offset"}
    assert make_event(agenda=[{"time": "09:30", "title": {"es": "Inicio"}}]).agenda[0].time == time(9, 30)


def test_a_theme_is_an_id() -> None:
    found = errors(Event, event_data(themes=["Salud Migrante"]))
    assert "is not an id" in found["themes.0"]


def test_an_event_is_frozen() -> None:
    event = make_event()
    with pytest.raises(ValidationError):
        event.status = "done"  # type: ignore[misc]


# Derived views


def test_people_lists_every_person_once_in_a_stable_order() -> None:
    event = make_event(
        kind="agreement-signing",
        speakers=[{"person": "ana"}, {"person": "luis"}],
        guests=[{"municipality": "quilicura", "delegates": [{"person": "marta"}, {"role": {"es": "Alcalde"}}]}],
        signatories=[{"person": "luis"}, {"person": "sofia"}],
        agenda=[{"title": {"es": "Firma"}, "speaker": "pedro"}],
        invitations=[{"person": "ana"}, {"person": "carla"}],
    )
    assert event.people() == ("ana", "luis", "marta", "sofia", "pedro", "carla")
    assert event.municipalities == ("quilicura",)


def test_references_name_every_id_with_its_location() -> None:
    event = make_event(
        programme="myc",
        host="penalolen",
        organizers=["oim-chile"],
        speakers=[{"person": "ana"}],
        guests=[{"municipality": "quilicura", "delegates": [{"person": "marta"}]}],
        invitations=[{"person": "carla"}],
    )
    assert event.references() == [
        (("programme",), "programme", "myc"),
        (("host",), "host", "penalolen"),
        (("organizers", 0), "host", "oim-chile"),
        (("speakers", 0, "person"), "person", "ana"),
        (("guests", 0, "municipality"), "municipality", "quilicura"),
        (("guests", 0, "delegates", 0, "person"), "person", "marta"),
        (("invitations", 0, "person"), "person", "carla"),
    ]


def test_display_name_follows_the_language() -> None:
    event = make_event(title={"es": "Mesa", "en": "Round table"})
    assert (event.display_name("es"), event.display_name("en")) == ("Mesa", "Round table")
    assert make_event(title={"en": "Round table"}).display_name("es") == "Round table"
