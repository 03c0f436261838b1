"""The municipality's duties under the GDPR, as controller: a person's access export, erasure and its log
(re-applied after a restore), what was read about whom (the read audit), how long personal data is kept
(retention rules), and deleting cohorts and programmes with what they hold. Every table that refers to a person
is named in ``references``."""
