"""Hypothesis strategies for valid records: events of every kind and the four registries.

Reference ids carry a prefix per target type (``p-`` people, ``m-``
municipalities, ``o-`` organizations, ``prog-`` programmes) so that a test can
create every record an event names without two types sharing an id.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar, get_args

from hypothesis import assume
from hypothesis import strategies as st

from planner.domain.event import Event
from planner.domain.ids import RESERVED_IDS
from planner.domain.records import Municipality, Organization, Person, Programme, Record
from planner.domain.times import localize, wall_clock

EVENT_KINDS = get_args(Event.model_fields["kind"].annotation)
STATUSES = get_args(Event.model_fields["status"].annotation)
ZONES = (
    "America/Santiago",
    "Pacific/Easter",
    "Europe/Madrid",
    "America/New_York",
    "Asia/Tokyo",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "UTC",
)
"""Zones with and without clock changes, including half-hour and 45-minute offsets."""

# Text that a TOML writer must escape or quote with care.
_AWKWARD = ('"""', "'''", '"', "'", "\\", "\\n", "#", "[x]", "a = 1", "Peñalolén", "ü", "😀", "  ", "\\u0041")

ids = st.from_regex(r"[a-z][a-z0-9]{0,7}(-[a-z0-9]{1,5}){0,2}", fullmatch=True).filter(lambda s: s not in RESERVED_IDS)


def refs(prefix: str) -> st.SearchStrategy[str]:
    return ids.map(lambda s: f"{prefix}-{s}")


people_ids = refs("p")
municipality_ids = refs("m")
organization_ids = refs("o")
programme_ids = refs("prog")
host_ids = st.one_of(municipality_ids, organization_ids)

_line_chars = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"))
_text_chars = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"), include_characters="\n\t")


def _texts(chars: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    piece = st.one_of(st.text(chars, min_size=1, max_size=12), st.sampled_from(_AWKWARD))
    return st.lists(piece, min_size=1, max_size=4).map("".join).filter(lambda s: s.strip() != "")


single_lines = _texts(_line_chars)
multi_lines = st.one_of(
    _texts(_text_chars),
    st.lists(_texts(_line_chars), min_size=2, max_size=4).map("\n".join),
)


def _bilingual(text: st.SearchStrategy[str]) -> st.SearchStrategy[dict[str, str]]:
    return st.one_of(
        st.fixed_dictionaries({"es": text}),
        st.fixed_dictionaries({"en": text}),
        st.fixed_dictionaries({"es": text, "en": text}),
    )


lines = _bilingual(single_lines)
texts = _bilingual(multi_lines)
emails = st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,9}@[a-z0-9]{1,8}(\.[a-z]{2,5}){1,2}", fullmatch=True)
urls = st.from_regex(r"https?://[a-z0-9]{1,10}\.[a-z]{2,4}(/[A-Za-z0-9._~%-]{1,8}){0,3}", fullmatch=True)
links = st.fixed_dictionaries({"url": urls}, optional={"title": single_lines})
stamps = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1)).map(
    lambda d: d.replace(microsecond=0, tzinfo=UTC)
)
local_times = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2037, 12, 31))


def _unique(strategy: st.SearchStrategy[dict[str, Any]], key: str, max_size: int = 3) -> st.SearchStrategy[Any]:
    return st.lists(strategy, max_size=max_size, unique_by=lambda item: item[key])


def _exists(local: datetime, tz: str) -> bool:
    try:
        localize(local, tz)
    except ValueError:
        return False
    return True


@st.composite
def events(draw: st.DrawFn) -> Event:
    """A valid event of any kind; times never fall in a gap or an overlap of their zone."""
    tz = draw(st.sampled_from(ZONES))
    kind = draw(st.sampled_from(EVENT_KINDS))
    start_local = draw(local_times)
    length = draw(st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(days=15)))
    end_local = start_local + length
    assume(_exists(start_local, tz) and _exists(end_local, tz))
    start, end = localize(start_local, tz), localize(end_local, tz)
    assume(end > start)

    data: dict[str, Any] = {
        "id": draw(refs("e")),
        "title": draw(lines),
        "kind": kind,
        "status": draw(st.sampled_from(STATUSES)),
        "start": start_local,
        "end": end_local,
        "tz": tz,
    }
    person = st.fixed_dictionaries({"person": people_ids}, optional={"role": lines, "topic": lines})
    delegate = st.one_of(
        st.fixed_dictionaries({"person": people_ids}, optional={"role": lines}),
        st.fixed_dictionaries({"role": lines}),
    )
    guest = st.fixed_dictionaries(
        {"municipality": municipality_ids}, optional={"delegates": st.lists(delegate, max_size=2)}
    )
    agenda_item = st.fixed_dictionaries(
        {"title": lines},
        optional={
            "time": st.times().map(lambda t: t.replace(microsecond=0)),
            "speaker": people_ids,
        },
    )
    invitation = st.fixed_dictionaries(
        {"person": people_ids},
        optional={
            "answer": st.sampled_from(("needs-action", "accepted", "declined", "tentative")),
            "attendance": st.sampled_from(("unknown", "present", "excused", "absent")),
        },
    )
    optional: dict[str, st.SearchStrategy[Any]] = {
        "programme": programme_ids,
        "venue": st.fixed_dictionaries(
            {"name": single_lines}, optional={"address": single_lines, "city": single_lines, "country": single_lines}
        ),
        "host": host_ids,
        "organizers": st.lists(host_ids, max_size=2),
        "sponsors": st.lists(organization_ids, max_size=2),
        "speakers": st.lists(person, max_size=3),
        "guests": _unique(guest, "municipality"),
        "themes": st.lists(ids, max_size=3),
        "agenda": st.lists(agenda_item, max_size=3),
        "description": texts,
        "links": st.lists(links, max_size=2),
        "invitations": _unique(invitation, "person"),
        "assumed": st.lists(multi_lines, max_size=2),
        "source_notes": st.lists(multi_lines, max_size=2),
        "summary": st.fixed_dictionaries({"headline": lines, "lead": texts}, optional={"body": texts}),
        "quotes": st.lists(
            st.one_of(
                st.fixed_dictionaries({"person": people_ids, "text": texts}),
                st.fixed_dictionaries({"name": single_lines, "text": texts}, optional={"role": lines}),
            ),
            max_size=2,
        ),
        "source_uid": single_lines,
        "sequence": st.integers(min_value=0, max_value=10_000),
        "created": stamps,
        "updated": stamps,
    }
    if kind == "conference":
        optional["format"] = st.sampled_from(("breakfast", "seminar", "forum", "conference"))
    if kind == "agreement-signing":
        optional["signatories"] = st.lists(
            st.fixed_dictionaries({"person": people_ids}, optional={"organization": organization_ids}), max_size=2
        )
        optional["areas"] = st.lists(lines, max_size=2)
    data.update(draw(st.fixed_dictionaries({}, optional=optional)))
    if kind == "study-visit":
        data["legs"] = draw(_legs(start, end))
    return Event.model_validate(data)


@st.composite
def _legs(draw: st.DrawFn, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Legs in order, each one slot of the visit, each in its own zone."""
    count = draw(st.integers(min_value=0, max_value=3))
    if count == 0:
        return []
    slot = (end - start) // count
    assume(slot > timedelta(0))
    legs = []
    for n in range(count):
        tz = draw(st.sampled_from(ZONES))
        leg_start = wall_clock(start + slot * n, tz)
        leg_end = wall_clock(start + slot * (n + 1), tz)
        assume(_exists(leg_start, tz) and _exists(leg_end, tz))
        leg = {"id": f"leg-{n}", "city": draw(single_lines), "tz": tz, "start": leg_start, "end": leg_end}
        leg.update(
            draw(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "country": single_lines,
                        "hosts": st.lists(organization_ids, max_size=2),
                        "venue": st.fixed_dictionaries({"name": single_lines}),
                    },
                )
            )
        )
        legs.append(leg)
    return legs


_stamp_fields = {"created": stamps, "updated": stamps}

R = TypeVar("R", bound=Record)


def _registry(
    model: type[R], required: dict[str, st.SearchStrategy[Any]], optional: dict[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[R]:
    """Valid records of one registry: the ``required`` fields, any of the ``optional`` ones and the stamps."""
    data = st.fixed_dictionaries(required, optional={**optional, **_stamp_fields})
    return st.builds(model.model_validate, data)


people = _registry(
    Person,
    {"id": people_ids, "name": single_lines},
    {
        "role": lines,
        "organization": organization_ids,
        "municipality": municipality_ids,
        "email": emails,
        "lang": st.sampled_from(("es", "en")),
        "calendar_token": st.from_regex(r"[A-Za-z0-9_-]{8,22}", fullmatch=True),
    },
)
municipalities = _registry(
    Municipality,
    {"id": municipality_ids, "name": single_lines},
    {
        "region": single_lines,
        "participating": st.booleans(),
        "migration_office": st.booleans(),
        "migration_office_head": people_ids,
        "migrant_share": st.floats(min_value=0, max_value=100),
        "migrant_share_source": single_lines,
        "origin_countries": st.lists(single_lines, max_size=3),
        "notes": texts,
    },
)
organizations = _registry(
    Organization,
    {"id": organization_ids, "name": single_lines},
    {
        "short_name": single_lines,
        "kind": single_lines,
        "country": single_lines,
        "links": st.lists(links, max_size=2),
    },
)
programmes = _registry(
    Programme,
    {"id": programme_ids, "name": lines},
    {
        "short_name": single_lines.filter(lambda s: len(s.strip()) <= 40),
        "lead": organization_ids,
        "description": texts,
    },
)
registry_records = st.one_of(people, municipalities, organizations, programmes)


def named_records(record: Record) -> list[Record]:
    """A minimal record for every id that ``record`` refers to, of the type its prefix says."""
    made: dict[str, Record] = {}
    for _, _, ref in record.references():
        if ref in made:
            continue
        prefix = ref.split("-", 1)[0]
        if prefix == "p":
            made[ref] = Person(id=ref, name=ref)
        elif prefix == "m":
            made[ref] = Municipality(id=ref, name=ref)
        elif prefix == "o":
            made[ref] = Organization(id=ref, name=ref)
        else:
            made[ref] = Programme.model_validate({"id": ref, "name": {"es": ref}})
    return list(made.values())
