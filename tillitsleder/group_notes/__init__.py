"""A reflection group's meetings: three-step dialogue notes, agreed actions and who sees them."""
