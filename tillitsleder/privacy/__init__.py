"""The municipality's duties under the GDPR: what was read about whom (the read audit), how long personal data is
kept (retention rules), and deleting cohorts and programmes with what they hold."""
