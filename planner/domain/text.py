"""Text values: single-line strings and the two-language ``{ es, en }`` tables."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, model_validator

Lang = Literal["es", "en"]
LANGS: tuple[Lang, ...] = ("es", "en")

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_BUT_NEWLINE_TAB = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _describe(char: str) -> str:
    names = {"\n": "a line break", "\r": "a carriage return", "\t": "a tab"}
    return names.get(char, f"the control character U+{ord(char):04X}")


def single_line(value: str) -> str:
    """Refuse line breaks and control characters; trim surrounding blanks; refuse empty."""
    found = _CONTROL.search(value)
    if found:
        raise ValueError(f"must be a single line, but contains {_describe(found.group())}")
    return _trimmed(value)


def multi_line(value: str) -> str:
    """Allow line breaks and tabs, refuse other control characters; normalise CRLF."""
    value = value.replace("\r\n", "\n")
    found = _CONTROL_BUT_NEWLINE_TAB.search(value)
    if found:
        raise ValueError(f"contains {_describe(found.group())}, which is not allowed in text")
    return _trimmed(value)


def _trimmed(value: str) -> str:
    """Surrounding blanks trimmed, composed characters (NFC) so that equal texts compare equal; refuse empty."""
    value = unicodedata.normalize("NFC", value.strip())
    if not value:
        raise ValueError("must not be empty")
    return value


SingleLine = Annotated[str, AfterValidator(single_line)]
MultiLine = Annotated[str, AfterValidator(multi_line)]


class _Bilingual(BaseModel):
    """Shared behaviour of the two-language tables; either language may be missing."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    es: str | None = None
    en: str | None = None

    @model_validator(mode="after")
    def _one_language_at_least(self) -> _Bilingual:
        if self.es is None and self.en is None:
            raise ValueError("give the text in at least one language (es or en)")
        return self

    def get(self, lang: Lang) -> str:
        """The text in ``lang``, else in the other language."""
        value = self.es if lang == "es" else self.en
        if value is None:
            value = self.en if lang == "es" else self.es
        assert value is not None  # guaranteed by the validator
        return value

    def has(self, lang: Lang) -> bool:
        return (self.es if lang == "es" else self.en) is not None


class Line(_Bilingual):
    """A one-line text in Spanish and/or English: titles, roles, agenda items."""

    es: SingleLine | None = None
    en: SingleLine | None = None


class Text(_Bilingual):
    """A multi-line text in Spanish and/or English: descriptions, notes."""

    es: MultiLine | None = None
    en: MultiLine | None = None
