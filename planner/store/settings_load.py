"""Loading ``planner.toml`` into the settings model, and the rule that nothing goes out on guessed settings.

Reading the store (a listing, ``show``, the UI, ``planner check``) falls back
to the default settings when the file is missing or broken and reports why,
as it reports any other broken file. Anything that sends data to
participants (calendar feeds and invitations, published documents, e-mail)
or writes what arrives from them (imported events and replies) must not:
the defaults carry another UID domain and another ORGANIZER, so an export on
them would give every subscriber each event twice. :func:`sound_settings` is
that one rule, called by every such command before it writes anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.errors import StoreError
from planner.domain.problems import Problem
from planner.store.folders import SETTINGS_FILE
from planner.store.reading import SETTINGS_LIMIT, problem_text, read_bounded
from planner.store.settings_file import raw_settings

if TYPE_CHECKING:
    from planner.domain.settings import StoreSettings


DEFAULTS = "; using the default settings"
"""How a problem of the settings file ends when reading goes on (a refused export says otherwise)."""


class SettingsUnsound(StoreError):
    """``planner.toml`` is missing, empty, unreadable, not TOML or not valid settings: nothing may go out."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        # Said as an error even when reading only warns (a missing file): here it stops the command.
        located = Problem(first.path, first.line, first.field, first.message.removesuffix(DEFAULTS))
        more = f" (and {len(problems) - 1} more; run 'planner check')" if len(problems) > 1 else ""
        super().__init__(f"{located}{more}; nothing written: exports, invitations and imports need sound settings")
        self.problems = problems


def load_settings(root: Path) -> tuple[StoreSettings, list[Problem]]:
    """The store's settings and what is wrong with its settings file (the defaults when it cannot be used).

    Raises ``StoreError`` when the folder is missing or the store is newer than this planner.
    """
    from pydantic import ValidationError

    from planner.domain.data import validation_problems
    from planner.domain.settings import StoreSettings
    from planner.store.codec import parse_toml

    path = root / SETTINGS_FILE
    data, text = raw_settings(root)
    if text is None:
        if not path.exists() and not path.is_symlink():
            return StoreSettings(), [Problem(path, 0, "file", f"missing{DEFAULTS}", "warning")]
        try:
            text = read_bounded(path, SETTINGS_LIMIT, follow=True).decode("utf-8")
        except OSError as exc:
            return StoreSettings(), [Problem(path, 0, "file", f"{problem_text(exc)}{DEFAULTS}")]
        except UnicodeDecodeError:
            return StoreSettings(), [Problem(path, 0, "file", f"cannot be read: not UTF-8 text{DEFAULTS}")]
        return StoreSettings(), parse_toml(text, path)[1]
    if not data:
        # An emptied file is a mistake, not a choice of every default: the UID domain would change with it.
        return StoreSettings(), [Problem(path, 0, "file", f"empty: it sets nothing{DEFAULTS}")]
    try:
        return StoreSettings.model_validate(data), []
    except ValidationError as exc:
        return StoreSettings(), validation_problems(exc, StoreSettings, text, path)


def sound_settings(root: Path) -> StoreSettings:
    """The store's settings, read from its ``planner.toml``; ``SettingsUnsound`` when that file has any problem.

    Called before an export, a sending or an import writes anything.
    """
    settings, problems = load_settings(root)
    if problems:
        raise SettingsUnsound(problems)
    return settings
