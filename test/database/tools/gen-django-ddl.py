"""
Records the SQL Django 3.2 generates for the tables a Djoser project has
(`manage.py sqlmigrate` of every migration of auth, contenttypes, admin, sessions,
authtoken and token_blacklist, in migration-plan order) into
test/database/fixtures/django-3.2-schema.sql, for existing-schema.e2e-spec.ts.

  REF_DB=postgres REF_PG_NAME=<scratch db> PYTHONPATH=../shared/djoser-ref \
    /usr/bin/python3 test/database/tools/gen-django-ddl.py > test/database/fixtures/django-3.2-schema.sql

sqlmigrate needs a PostgreSQL connection (it only reads the server version); the
scratch database stays empty.
"""
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "refproject.settings")
import django  # noqa: E402
from django.conf import settings  # noqa: E402

import refproject.settings as ref  # noqa: E402

ref.INSTALLED_APPS = ["django.contrib.admin", *ref.INSTALLED_APPS]
django.setup()

from io import StringIO  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.migrations.loader import MigrationLoader  # noqa: E402

APPS = {"auth", "contenttypes", "admin", "sessions", "authtoken", "token_blacklist"}
loader = MigrationLoader(connection, ignore_no_migrations=True)
leaves = [node for node in loader.graph.leaf_nodes() if node[0] in APPS]
plan = []
for leaf in leaves:
    for node in loader.graph.forwards_plan(leaf):
        if node not in plan and node[0] in APPS:
            plan.append(node)

print(f"-- Django {django.get_version()}: sqlmigrate of {len(plan)} migrations, in plan order (gen-django-ddl.py)")
# django_migrations is created by `migrate` itself (MigrationRecorder), not by a migration
from django.db.migrations.recorder import MigrationRecorder  # noqa: E402
with connection.schema_editor(collect_sql=True, atomic=False) as editor:
    editor.create_model(MigrationRecorder.Migration)
print("-- django_migrations (MigrationRecorder)")
print("\n".join(editor.collected_sql))
for app, name in plan:
    out = StringIO()
    call_command("sqlmigrate", app, name, stdout=out)
    print(f"-- {app}.{name}")
    print(out.getvalue().strip())
assert settings.DATABASES["default"]["ENGINE"].endswith("postgresql"), "run with REF_DB=postgres"
