"""``{placeholders}`` in certificate text: which exist, checking a template's text, and filling them in.

Only bare names are allowed (``{name}``); ``{{`` and ``}}`` give literal braces. Filling never goes through
``str.format``, so a template cannot reach attributes (``{name.__class__}``) or format specs. The filled text is
plain text: the renderer escapes it before ReportLab sees it.

Each placeholder has a stable key (``{name}``) and a name in each language (``{navn}`` in nb). The stored
template keeps the keys, so a template works whatever language the coordinator who edits it reads and whatever
language the certificate is written in, and the templates saved before the names existed stay valid. The editor
shows the names of the UI's language (``to_local``) and turns them back into keys when it saves or previews
(``to_keys``); checking and filling accept a key or a name in any of the app's languages, so a template written
by hand or by another tool with ``{navn}`` also works.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from tillitsleder.errors import ValidationError
from tillitsleder.i18n import LANGUAGES, N_, NC_, pgettext, pgettext_in

# Placeholder → what it stands for (untranslated msgid), in the order the editor lists them.
PLACEHOLDERS: dict[str, str] = {
    "name": N_("the participant's full name"),
    "programme": N_("the programme's name"),
    "cohort": N_("the cohort's name"),
    "municipality": N_("the municipality"),
    "start": N_("the cohort's first day"),
    "end": N_("the cohort's last day"),
    "hours": N_("the hours of all modules"),
    "modules": N_("the modules' titles, separated by commas"),
    "date": N_("the date of issue"),
    "place": N_("the place printed with the date"),
}


PLACEHOLDER_CONTEXT = "certificate placeholder"
# Key → its name as a word of the language (translated in the context above; a single word without braces).
NAMES: dict[str, str] = {
    "name": NC_("certificate placeholder", "name"),
    "programme": NC_("certificate placeholder", "programme"),
    "cohort": NC_("certificate placeholder", "cohort"),
    "municipality": NC_("certificate placeholder", "municipality"),
    "start": NC_("certificate placeholder", "start"),
    "end": NC_("certificate placeholder", "end"),
    "hours": NC_("certificate placeholder", "hours"),
    "modules": NC_("certificate placeholder", "modules"),
    "date": NC_("certificate placeholder", "date"),
    "place": NC_("certificate placeholder", "place"),
}


def local_name(key: str) -> str:
    """The placeholder ``key``'s name in the UI's language: "navn" for "name" in nb."""
    return pgettext(PLACEHOLDER_CONTEXT, NAMES[key])


@cache
def _spellings() -> dict[str, str]:
    """Every accepted spelling (lower case) → its key: the keys and their names in every language."""
    found = {key: key for key in PLACEHOLDERS}
    for language in LANGUAGES:
        for key, name in NAMES.items():
            found.setdefault(pgettext_in(language, PLACEHOLDER_CONTEXT, name).casefold(), key)
    return found


def key_of(content: str) -> str | None:
    """The key a placeholder's content stands for (a key or a name in any language), or ``None``."""
    return _spellings().get(content.strip().casefold())


def _join(parts: list[tuple[bool, str]]) -> str:
    literal = [content.replace("{", "{{").replace("}", "}}") for _is_ph, content in parts]
    return "".join("{" + content + "}" if is_ph else literal[i] for i, (is_ph, content) in enumerate(parts))


def _rename(text: str, name_of) -> str:
    try:
        parts = _parts(text)
    except ValueError:
        return text  # left as typed: checking names the stray brace
    renamed = []
    for is_placeholder, content in parts:
        key = key_of(content) if is_placeholder else None
        renamed.append((is_placeholder, name_of(key) if key else content))
    return _join(renamed)


def to_local(text: str) -> str:
    """``text`` with its placeholders written in the UI's language: "{navn}" for "{name}" in nb."""
    return _rename(text, local_name)


def to_keys(text: str) -> str:
    """``text`` with every placeholder written as its stable key (unknown ones left as they are)."""
    return _rename(text, lambda key: key)


def _parts(text: str) -> list[tuple[bool, str]]:
    """Split ``text`` into (is_placeholder, content) parts; raise ``ValueError`` on a stray brace."""
    parts: list[tuple[bool, str]] = []
    literal: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "{" and text.startswith("{{", i) or char == "}" and text.startswith("}}", i):
            literal.append(char)
            i += 2
        elif char == "{":
            end = text.find("}", i + 1)
            if end < 0 or "{" in text[i + 1 : end]:
                raise ValueError(text[i : i + 20])
            if literal:
                parts.append((False, "".join(literal)))
                literal = []
            parts.append((True, text[i + 1 : end]))
            i = end + 1
        elif char == "}":
            raise ValueError(text[max(0, i - 19) : i + 1])
        else:
            literal.append(char)
            i += 1
    if literal:
        parts.append((False, "".join(literal)))
    return parts


def check_placeholders(text: str, field: str) -> None:
    """Raise ``ValidationError`` naming ``field`` (a translated field label) if ``text`` uses an unknown
    placeholder or has a brace without its partner."""
    try:
        parts = _parts(text)
    except ValueError as error:
        raise ValidationError(
            N_("{field}: “{near}” has a brace without its partner. Write {{{{ or }}}} for a literal brace."),
            field=field,
            near=str(error),
        ) from None
    unknown = [content for is_placeholder, content in parts if is_placeholder and key_of(content) is None]
    if unknown:
        raise ValidationError(
            N_("{field}: {{{placeholder}}} is not a placeholder. Use one of: {known}."),
            field=field,
            placeholder=unknown[0],
            known=", ".join("{" + local_name(key) + "}" for key in PLACEHOLDERS),
        )


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with its placeholders replaced by ``values`` (text already checked by ``check_placeholders``)."""
    try:
        parts = _parts(text)
    except ValueError:
        return text
    return "".join(
        values.get(key_of(content) or content, "{" + content + "}") if is_ph else content for is_ph, content in parts
    )
