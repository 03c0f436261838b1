"""Privacy in the desktop app: the read audit viewer and the retention rules (tabs of Settings), and the dialog
that deletes a cohort or a programme after saying what will be lost."""
