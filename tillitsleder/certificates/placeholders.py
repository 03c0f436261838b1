"""``{placeholders}`` in certificate text: which exist, checking a template's text, and filling them in.

Only bare names are allowed (``{name}``); ``{{`` and ``}}`` give literal braces. Filling never goes through
``str.format``, so a template cannot reach attributes (``{name.__class__}``) or format specs. The filled text is
plain text: the renderer escapes it before ReportLab sees it.
"""

from __future__ import annotations

from collections.abc import Mapping

from tillitsleder.errors import ValidationError
from tillitsleder.i18n import N_

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
    unknown = [content for is_placeholder, content in parts if is_placeholder and content not in PLACEHOLDERS]
    if unknown:
        raise ValidationError(
            N_("{field}: {{{placeholder}}} is not a placeholder. Use one of: {known}."),
            field=field,
            placeholder=unknown[0],
            known=", ".join("{" + key + "}" for key in PLACEHOLDERS),
        )


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with its placeholders replaced by ``values`` (text already checked by ``check_placeholders``)."""
    try:
        parts = _parts(text)
    except ValueError:
        return text
    return "".join(values.get(content, "{" + content + "}") if is_ph else content for is_ph, content in parts)
