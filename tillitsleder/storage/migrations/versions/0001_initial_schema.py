"""Initial schema: organisation, programmes, cohorts, sessions, attendance, groups, facilitators, journal,
certificates and audit trail.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22 07:23:02.305746
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "municipality",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_municipality_name_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_municipality")),
        sa.UniqueConstraint("name", name=op.f("uq_municipality_name")),
    )
    op.create_table(
        "venue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.CheckConstraint("capacity IS NULL OR capacity > 0", name=op.f("ck_venue_capacity")),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_venue_name_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_venue")),
        sa.UniqueConstraint("name", name=op.f("uq_venue_name")),
    )
    op.create_table(
        "department",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_department_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipality.id"],
            name=op.f("fk_department_municipality_id_municipality"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_department")),
        sa.UniqueConstraint("municipality_id", "name", name=op.f("uq_department_municipality_id_name")),
    )
    op.create_table(
        "facilitator_pool",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('lean', 'innovation', 'change_agent', 'coach')",
            name=op.f("ck_facilitator_pool_kind_valid"),
        ),
        sa.CheckConstraint("length(trim(code)) > 0", name=op.f("ck_facilitator_pool_code_not_blank")),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_facilitator_pool_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipality.id"],
            name=op.f("fk_facilitator_pool_municipality_id_municipality"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facilitator_pool")),
        sa.UniqueConstraint("municipality_id", "code", name=op.f("uq_facilitator_pool_municipality_id_code")),
    )
    op.create_table(
        "programme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("min_attendance", sa.Numeric(precision=4, scale=3), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_programme_dates_ordered")),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_programme_name_not_blank")),
        sa.CheckConstraint("min_attendance BETWEEN 0 AND 1", name=op.f("ck_programme_min_attendance_fraction")),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipality.id"],
            name=op.f("fk_programme_municipality_id_municipality"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme")),
        sa.UniqueConstraint("municipality_id", "name", name=op.f("uq_programme_municipality_id_name")),
    )
    op.create_table(
        "attendance_status",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("weight", sa.Numeric(precision=4, scale=3), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("length(trim(code)) > 0", name=op.f("ck_attendance_status_code_not_blank")),
        sa.CheckConstraint("weight BETWEEN 0 AND 1", name=op.f("ck_attendance_status_weight_fraction")),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_attendance_status_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance_status")),
        sa.UniqueConstraint("programme_id", "code", name=op.f("uq_attendance_status_programme_id_code")),
    )
    op.create_table(
        "cohort",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name=op.f("ck_cohort_dates_ordered")),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_cohort_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_cohort_programme_id_programme"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cohort")),
        sa.UniqueConstraint("name", name=op.f("uq_cohort_name")),
    )
    with op.batch_alter_table("cohort", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cohort_programme_id"), ["programme_id"], unique=False)

    op.create_table(
        "semester",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_semester_dates_ordered")),
        sa.CheckConstraint("number >= 1", name=op.f("ck_semester_number_positive")),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_semester_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_semester")),
        sa.UniqueConstraint("programme_id", "number", name=op.f("uq_semester_programme_id_number")),
    )
    op.create_table(
        "unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_unit_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["department.id"],
            name=op.f("fk_unit_department_id_department"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit")),
        sa.UniqueConstraint("department_id", "name", name=op.f("uq_unit_department_id_name")),
    )
    op.create_table(
        "group_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("number >= 1", name=op.f("ck_group_round_number_positive")),
        sa.ForeignKeyConstraint(
            ["cohort_id"], ["cohort.id"], name=op.f("fk_group_round_cohort_id_cohort"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_round")),
        sa.UniqueConstraint("cohort_id", "number", name=op.f("uq_group_round_cohort_id_number")),
    )
    op.create_table(
        "module",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("semester_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("objectives", sa.Text(), nullable=False),
        sa.Column("hours", sa.Numeric(precision=6, scale=2), nullable=False),
        sa.Column("session_type", sa.String(length=32), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "session_type IN ('temasamling', 'ledergruppeutvikling', 'refleksjonsgruppe', 'fagdag', 'e_laering', 'coaching', 'annet')",
            name=op.f("ck_module_session_type_valid"),
        ),
        sa.CheckConstraint("hours >= 0", name=op.f("ck_module_hours_not_negative")),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_module_title_not_blank")),
        sa.CheckConstraint("position >= 0", name=op.f("ck_module_position_not_negative")),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_module_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["semester_id"], ["semester.id"], name=op.f("fk_module_semester_id_semester"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_module")),
    )
    with op.batch_alter_table("module", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_module_programme_id"), ["programme_id"], unique=False)

    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("employee_number", sa.String(length=50), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.String(length=200), nullable=True),
        sa.Column("leader_level", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("email IS NULL OR email LIKE '%_@_%'", name=op.f("ck_person_email_shape")),
        sa.CheckConstraint(
            "leader_level IS NULL OR leader_level BETWEEN 1 AND 4", name=op.f("ck_person_leader_level_range")
        ),
        sa.CheckConstraint("length(trim(first_name)) > 0", name=op.f("ck_person_first_name_not_blank")),
        sa.CheckConstraint("length(trim(last_name)) > 0", name=op.f("ck_person_last_name_not_blank")),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_person_unit_id_unit"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("email", name=op.f("uq_person_email")),
        sa.UniqueConstraint("employee_number", name=op.f("uq_person_employee_number")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index("ix_person_name", ["last_name", "first_name"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.CheckConstraint("length(trim(action)) > 0", name=op.f("ck_audit_event_action_not_blank")),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["person.id"], name=op.f("fk_audit_event_actor_id_person"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index("ix_audit_event_entity", ["entity", "entity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_event_occurred_at"), ["occurred_at"], unique=False)

    op.create_table(
        "commitment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'on_track', 'done', 'dropped')", name=op.f("ck_commitment_status_valid")
        ),
        sa.CheckConstraint("length(trim(description)) > 0", name=op.f("ck_commitment_description_not_blank")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_commitment_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment")),
    )
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commitment_person_id"), ["person_id"], unique=False)

    op.create_table(
        "enrolment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_since", sa.Date(), nullable=False),
        sa.Column("enrolled_on", sa.Date(), nullable=False),
        sa.Column("journal_count_visible", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "status IN ('active', 'on_leave', 'withdrawn', 'completed')",
            name=op.f("ck_enrolment_status_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["cohort_id"], ["cohort.id"], name=op.f("fk_enrolment_cohort_id_cohort"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_enrolment_person_id_person"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_enrolment_unit_id_unit"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolment")),
        sa.UniqueConstraint("cohort_id", "person_id", name=op.f("uq_enrolment_cohort_id_person_id")),
    )
    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enrolment_person_id"), ["person_id"], unique=False)

    op.create_table(
        "facilitator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pool_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("skills", sa.Text(), nullable=False),
        sa.Column("capacity_hours_per_month", sa.Numeric(precision=6, scale=2), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("capacity_hours_per_month >= 0", name=op.f("ck_facilitator_capacity_not_negative")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_facilitator_person_id_person"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["pool_id"],
            ["facilitator_pool.id"],
            name=op.f("fk_facilitator_pool_id_facilitator_pool"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facilitator")),
        sa.UniqueConstraint("pool_id", "person_id", name=op.f("uq_facilitator_pool_id_person_id")),
    )
    with op.batch_alter_table("facilitator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_facilitator_person_id"), ["person_id"], unique=False)

    op.create_table(
        "role_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "role IN ('coordinator', 'participant', 'facilitator')",
            name=op.f("ck_role_assignment_role_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_role_assignment_person_id_person"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_role_assignment_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role_assignment")),
        sa.UniqueConstraint(
            "person_id", "role", "programme_id", name=op.f("uq_role_assignment_person_id_role_programme_id")
        ),
    )
    with op.batch_alter_table("role_assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_role_assignment_person_id"), ["person_id"], unique=False)

    op.create_table(
        "session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("module_id", sa.Integer(), nullable=True),
        sa.Column("venue_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("session_type", sa.String(length=32), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("cancel_reason", sa.Text(), nullable=False),
        sa.Column("ical_uid", sa.String(length=200), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "session_type IN ('temasamling', 'ledergruppeutvikling', 'refleksjonsgruppe', 'fagdag', 'e_laering', 'coaching', 'annet')",
            name=op.f("ck_session_session_type_valid"),
        ),
        sa.CheckConstraint("status IN ('planned', 'held', 'cancelled')", name=op.f("ck_session_status_valid")),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_session_times_ordered")),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_session_title_not_blank")),
        sa.CheckConstraint("sequence >= 0", name=op.f("ck_session_sequence_not_negative")),
        sa.ForeignKeyConstraint(
            ["cohort_id"], ["cohort.id"], name=op.f("fk_session_cohort_id_cohort"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["module_id"], ["module.id"], name=op.f("fk_session_module_id_module"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["venue_id"], ["venue.id"], name=op.f("fk_session_venue_id_venue"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session")),
        sa.UniqueConstraint("ical_uid", name=op.f("uq_session_ical_uid")),
    )
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_cohort_id"), ["cohort_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_session_starts_at"), ["starts_at"], unique=False)

    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.Column("status_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enrolment_id"],
            ["enrolment.id"],
            name=op.f("fk_attendance_enrolment_id_enrolment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["session.id"], name=op.f("fk_attendance_session_id_session"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["status_id"],
            ["attendance_status.id"],
            name=op.f("fk_attendance_status_id_attendance_status"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint("session_id", "enrolment_id", name=op.f("uq_attendance_session_id_enrolment_id")),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendance_enrolment_id"), ["enrolment_id"], unique=False)

    op.create_table(
        "certificate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("verification_code", sa.String(length=32), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("status IN ('valid', 'superseded', 'revoked')", name=op.f("ck_certificate_status_valid")),
        sa.CheckConstraint("length(sha256) = 64", name=op.f("ck_certificate_sha256_hex")),
        sa.CheckConstraint("version >= 1", name=op.f("ck_certificate_version_positive")),
        sa.ForeignKeyConstraint(
            ["enrolment_id"],
            ["enrolment.id"],
            name=op.f("fk_certificate_enrolment_id_enrolment"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["certificate.id"],
            name=op.f("fk_certificate_supersedes_id_certificate"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate")),
        sa.UniqueConstraint("enrolment_id", "version", name=op.f("uq_certificate_enrolment_id_version")),
        sa.UniqueConstraint("sha256", name=op.f("uq_certificate_sha256")),
        sa.UniqueConstraint("verification_code", name=op.f("uq_certificate_verification_code")),
    )
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_certificate_enrolment_id"), ["enrolment_id"], unique=False)

    op.create_table(
        "enrolment_status_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('active', 'on_leave', 'withdrawn', 'completed')",
            name=op.f("ck_enrolment_status_change_status_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["enrolment_id"],
            ["enrolment.id"],
            name=op.f("fk_enrolment_status_change_enrolment_id_enrolment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolment_status_change")),
    )
    with op.batch_alter_table("enrolment_status_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enrolment_status_change_enrolment_id"), ["enrolment_id"], unique=False)

    op.create_table(
        "facilitator_unavailability",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facilitator_id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.CheckConstraint("last_day >= first_day", name=op.f("ck_facilitator_unavailability_dates_ordered")),
        sa.ForeignKeyConstraint(
            ["facilitator_id"],
            ["facilitator.id"],
            name=op.f("fk_facilitator_unavailability_facilitator_id_facilitator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facilitator_unavailability")),
    )
    with op.batch_alter_table("facilitator_unavailability", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_facilitator_unavailability_facilitator_id"), ["facilitator_id"], unique=False
        )

    op.create_table(
        "journal_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("written_on", sa.Date(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("module_id", sa.Integer(), nullable=True),
        sa.Column("prompt_template", sa.String(length=20), nullable=False),
        sa.Column("sharing", sa.String(length=20), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "prompt_template IN ('three_step', 'learn_change', 'free')",
            name=op.f("ck_journal_entry_prompt_template_valid"),
        ),
        sa.CheckConstraint(
            "sharing IN ('private', 'coach', 'group_summary')", name=op.f("ck_journal_entry_sharing_valid")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["person.id"], name=op.f("fk_journal_entry_author_id_person"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["module_id"], ["module.id"], name=op.f("fk_journal_entry_module_id_module"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["session.id"],
            name=op.f("fk_journal_entry_session_id_session"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_entry")),
    )
    with op.batch_alter_table("journal_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journal_entry_author_id"), ["author_id"], unique=False)

    op.create_table(
        "reflection_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("facilitator_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_reflection_group_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["facilitator_id"],
            ["facilitator.id"],
            name=op.f("fk_reflection_group_facilitator_id_facilitator"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["group_round.id"],
            name=op.f("fk_reflection_group_round_id_group_round"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reflection_group")),
        sa.UniqueConstraint("round_id", "name", name=op.f("uq_reflection_group_round_id_name")),
    )
    op.create_table(
        "session_facilitator",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("facilitator_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["facilitator_id"],
            ["facilitator.id"],
            name=op.f("fk_session_facilitator_facilitator_id_facilitator"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["session.id"],
            name=op.f("fk_session_facilitator_session_id_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "facilitator_id", name=op.f("pk_session_facilitator")),
    )
    op.create_table(
        "facilitator_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facilitator_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("hours", sa.Numeric(precision=6, scale=2), nullable=False),
        sa.CheckConstraint(
            "(kind = 'group' AND group_id IS NOT NULL AND session_id IS NULL AND person_id IS NULL) OR (kind = 'session' AND session_id IS NOT NULL AND group_id IS NULL AND person_id IS NULL) OR (kind = 'leader' AND person_id IS NOT NULL AND group_id IS NULL AND session_id IS NULL)",
            name=op.f("ck_facilitator_assignment_one_target"),
        ),
        sa.CheckConstraint("kind IN ('group', 'session', 'leader')", name=op.f("ck_facilitator_assignment_kind_valid")),
        sa.CheckConstraint(
            "ends_on IS NULL OR ends_on >= starts_on", name=op.f("ck_facilitator_assignment_dates_ordered")
        ),
        sa.CheckConstraint("hours >= 0", name=op.f("ck_facilitator_assignment_hours_not_negative")),
        sa.ForeignKeyConstraint(
            ["facilitator_id"],
            ["facilitator.id"],
            name=op.f("fk_facilitator_assignment_facilitator_id_facilitator"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["reflection_group.id"],
            name=op.f("fk_facilitator_assignment_group_id_reflection_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_facilitator_assignment_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["session.id"],
            name=op.f("fk_facilitator_assignment_session_id_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facilitator_assignment")),
    )
    with op.batch_alter_table("facilitator_assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_facilitator_assignment_facilitator_id"), ["facilitator_id"], unique=False)

    op.create_table(
        "group_meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("facilitator_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["facilitator_id"],
            ["facilitator.id"],
            name=op.f("fk_group_meeting_facilitator_id_facilitator"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["reflection_group.id"],
            name=op.f("fk_group_meeting_group_id_reflection_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_meeting")),
    )
    with op.batch_alter_table("group_meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_meeting_group_id"), ["group_id"], unique=False)

    op.create_table(
        "group_member",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enrolment_id"],
            ["enrolment.id"],
            name=op.f("fk_group_member_enrolment_id_enrolment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["reflection_group.id"],
            name=op.f("fk_group_member_group_id_reflection_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "enrolment_id", name=op.f("pk_group_member")),
    )
    op.create_table(
        "journal_entry_tag",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["journal_entry.id"],
            name=op.f("fk_journal_entry_tag_entry_id_journal_entry"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", "tag", name=op.f("pk_journal_entry_tag")),
    )
    op.create_table(
        "group_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_enrolment_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'in_progress', 'done', 'dropped')", name=op.f("ck_group_action_status_valid")
        ),
        sa.CheckConstraint("length(trim(description)) > 0", name=op.f("ck_group_action_description_not_blank")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["group_meeting.id"],
            name=op.f("fk_group_action_meeting_id_group_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_enrolment_id"],
            ["enrolment.id"],
            name=op.f("fk_group_action_owner_enrolment_id_enrolment"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_action")),
    )
    with op.batch_alter_table("group_action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_action_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "group_meeting_attendee",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enrolment_id"],
            ["enrolment.id"],
            name=op.f("fk_group_meeting_attendee_enrolment_id_enrolment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["group_meeting.id"],
            name=op.f("fk_group_meeting_attendee_meeting_id_group_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "enrolment_id", name=op.f("pk_group_meeting_attendee")),
    )
    op.create_table(
        "group_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=20), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("time_box_minutes", sa.Integer(), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("theme", sa.String(length=200), nullable=False),
        sa.Column("theme_shareable", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "step IN ('own_reflection', 'small_group', 'large_group')", name=op.f("ck_group_note_step_valid")
        ),
        sa.CheckConstraint(
            "time_box_minutes IS NULL OR time_box_minutes > 0", name=op.f("ck_group_note_time_box_positive")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["group_meeting.id"],
            name=op.f("fk_group_note_meeting_id_group_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_note")),
    )
    with op.batch_alter_table("group_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_note_meeting_id"), ["meeting_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("group_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_note_meeting_id"))

    op.drop_table("group_note")
    op.drop_table("group_meeting_attendee")
    with op.batch_alter_table("group_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_action_meeting_id"))

    op.drop_table("group_action")
    op.drop_table("journal_entry_tag")
    op.drop_table("group_member")
    with op.batch_alter_table("group_meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_meeting_group_id"))

    op.drop_table("group_meeting")
    with op.batch_alter_table("facilitator_assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_facilitator_assignment_facilitator_id"))

    op.drop_table("facilitator_assignment")
    op.drop_table("session_facilitator")
    op.drop_table("reflection_group")
    with op.batch_alter_table("journal_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journal_entry_author_id"))

    op.drop_table("journal_entry")
    with op.batch_alter_table("facilitator_unavailability", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_facilitator_unavailability_facilitator_id"))

    op.drop_table("facilitator_unavailability")
    with op.batch_alter_table("enrolment_status_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrolment_status_change_enrolment_id"))

    op.drop_table("enrolment_status_change")
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificate_enrolment_id"))

    op.drop_table("certificate")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_enrolment_id"))

    op.drop_table("attendance")
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_starts_at"))
        batch_op.drop_index(batch_op.f("ix_session_cohort_id"))

    op.drop_table("session")
    with op.batch_alter_table("role_assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_role_assignment_person_id"))

    op.drop_table("role_assignment")
    with op.batch_alter_table("facilitator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_facilitator_person_id"))

    op.drop_table("facilitator")
    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrolment_person_id"))

    op.drop_table("enrolment")
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_person_id"))

    op.drop_table("commitment")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_occurred_at"))
        batch_op.drop_index("ix_audit_event_entity")

    op.drop_table("audit_event")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_unit_id"))
        batch_op.drop_index("ix_person_name")

    op.drop_table("person")
    with op.batch_alter_table("module", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_module_programme_id"))

    op.drop_table("module")
    op.drop_table("group_round")
    op.drop_table("unit")
    op.drop_table("semester")
    with op.batch_alter_table("cohort", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cohort_programme_id"))

    op.drop_table("cohort")
    op.drop_table("attendance_status")
    op.drop_table("programme")
    op.drop_table("facilitator_pool")
    op.drop_table("department")
    op.drop_table("venue")
    op.drop_table("municipality")
