"""The curriculum editor: a programme's semesters and ordered modules, edited through an undo stack."""
