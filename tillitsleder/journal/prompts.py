"""The prompt templates of a journal entry: the headings each puts in a new entry, translated where shown."""

from __future__ import annotations

from tillitsleder.i18n import N_, _
from tillitsleder.model.enums import PromptTemplate

PROMPT_HEADINGS: dict[PromptTemplate, tuple[str, ...]] = {
    PromptTemplate.THREE_STEP: (N_("How are we doing now?"), N_("What did I take with me?"), N_("What do I do now?")),
    PromptTemplate.LEARN_CHANGE: (N_("What did I learn?"), N_("What will I do differently?")),
    PromptTemplate.FREE: (),
}


def prompt_headings(template: PromptTemplate) -> tuple[str, ...]:
    """The template's headings, translated."""
    return tuple(_(heading) for heading in PROMPT_HEADINGS[template])


def prompt_scaffold(template: PromptTemplate) -> str:
    """The text a new entry with ``template`` starts with: its headings, each followed by a blank line."""
    return "".join(f"{heading}\n\n\n" for heading in prompt_headings(template)).rstrip("\n") + (
        "\n" if PROMPT_HEADINGS[template] else ""
    )
