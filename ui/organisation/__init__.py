"""Settings → Organisation: the organisation register as a tree, edited through one undo stack."""
