"""The prompt scaffolds a new entry starts with, one per ``PromptTemplate``.

The scaffold becomes ordinary text of the entry (in the language of the moment it was written); the writer may
delete or rewrite any of it.
"""

from __future__ import annotations

from tillitsleder.i18n import N_, _
from tillitsleder.model.enums import DialogueStep, PromptTemplate

_PROMPTS = {
    DialogueStep.OWN_REFLECTION: N_("Write quietly for five minutes, just for yourself. What did you notice?"),
    DialogueStep.SMALL_GROUP: N_("What did the others say? What surprised you?"),
    DialogueStep.LARGE_GROUP: N_("What did the larger group agree on? What will you take with you?"),
}
_LEARN = N_("What did I learn?")
_CHANGE = N_("What will I do differently?")


def scaffold(template: str) -> str:
    """The text a new entry of ``template`` starts with (empty for free writing)."""
    if template == PromptTemplate.THREE_STEP:
        return "\n\n".join(f"{step.label()}\n{_(_PROMPTS[step])}\n" for step in DialogueStep)
    if template == PromptTemplate.LEARN_CHANGE:
        return f"{_(_LEARN)}\n\n\n{_(_CHANGE)}\n\n"
    return ""


def all_scaffolds() -> set[str]:
    """Every scaffold in the current language: text equal to one of these has not been written in yet."""
    return {scaffold(member.value) for member in PromptTemplate}
