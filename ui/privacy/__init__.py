"""Privacy in the desktop app: a person's access export and erasure (Participants → the two buttons), the read
audit viewer and the retention rules (tabs of Settings), and the dialog that deletes a cohort or a programme after
saying what will be lost."""
