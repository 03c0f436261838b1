"""Programmatic Alembic upgrades. Imported only when a database is new or behind (Alembic is slow to load)."""

from __future__ import annotations

from sqlalchemy import Engine

from tillitsleder.resources import migrations_dir


def alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Run every pending revision in one write transaction (``BEGIN IMMEDIATE`` on SQLite) on ``engine``."""
    from alembic import command

    from tillitsleder.storage.engine import writing

    config = alembic_config()
    with writing(engine.connect()) as connection, connection.begin():
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def script_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head
