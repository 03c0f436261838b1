"""Alembic environment: run on the connection the app hands over, in batch mode for SQLite."""

from alembic import context
from sqlalchemy import engine_from_config, pool

import tillitsleder.model  # noqa: F401  (registers every table)
from tillitsleder.model.base import Base
from tillitsleder.storage.sqlite_file import APPLICATION_ID

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    # Command-line use by developers: `alembic -x url=sqlite:///dev.sqlite3 upgrade head`.
    from tillitsleder.storage.engine import make_engine

    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    engine = (
        make_engine(url)
        if url
        else engine_from_config(config.get_section(config.config_ini_section, {}), poolclass=pool.NullPool)
    )
    with engine.begin() as conn:
        _run(conn)


if context.is_offline_mode():
    raise SystemExit("Offline (SQL script) migrations are not supported; use a database URL.")
run_migrations_online()
