#!/usr/bin/env python3
"""Print the JSON description of a Django project's user model, for AUTH_USER_MODEL_FILE.

Run it from the project's folder (it is put on the import path) with the project's settings:

    DJANGO_SETTINGS_MODULE=myproject.settings python3 scripts/django_user_model.py > user-model.json

It reads get_user_model()'s real fields (Django 3.2 to 5.2): the table, the primary key,
USERNAME_FIELD, EMAIL_FIELD, REQUIRED_FIELDS and every concrete field with its column, type,
max_length, null, blank, default, unique and verbose_name. A field the server cannot write
(a type it does not know that is NOT NULL) stops the script with a message naming it.
"""
import json
import os
import sys

TYPES = {
    "CharField": "char",
    "SlugField": "char",
    "EmailField": "email",
    "BooleanField": "boolean",
    "NullBooleanField": "boolean",
    "IntegerField": "integer",
    "SmallIntegerField": "integer",
    "PositiveIntegerField": "integer",
    "PositiveSmallIntegerField": "integer",
    "DateField": "date",
    "DateTimeField": "datetime",
    "TextField": "text",
}
PK_TYPES = {"AutoField": "integer", "BigAutoField": "bigint", "UUIDField": "uuid", "IntegerField": "integer", "BigIntegerField": "bigint"}


def fail(message):
    sys.stderr.write("django_user_model.py: %s\n" % message)
    sys.exit(1)


def type_of(field):
    # The field's own class first (EmailField reports CharField as its internal type), then its bases.
    for cls in type(field).__mro__:
        if cls.__name__ in TYPES:
            return TYPES[cls.__name__]
    return None


def default_of(field):
    from django.utils import timezone

    if not field.has_default():
        return None, False
    value = field.default
    if callable(value):
        if value is timezone.now:
            return "now", True
        value = value()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value, True
    fail("%s.default %r cannot be written as JSON" % (field.name, value))


def describe(model):
    meta = model._meta
    pk = meta.pk
    pk_type = PK_TYPES.get(pk.get_internal_type())
    if pk_type is None:
        fail("primary key %s is a %s (expected AutoField, BigAutoField or UUIDField)" % (pk.name, pk.get_internal_type()))
    fields = {}
    for field in meta.concrete_fields:
        if field.primary_key or field.name == "password":
            continue
        kind = type_of(field)
        if kind is None or field.is_relation:
            if field.null:
                sys.stderr.write("django_user_model.py: skipping %s (%s, nullable: the server leaves it NULL)\n" % (field.name, field.get_internal_type()))
                continue
            fail("field %s is a %s, which the server cannot write (make it null=True or describe it by hand)" % (field.name, field.get_internal_type()))
        entry = {
            "column": field.column,
            "type": kind,
            "max_length": field.max_length if kind in ("char", "email") else None,
            "null": field.null,
            "blank": field.blank,
            "unique": field.unique,
            "verbose_name": str(field.verbose_name),
        }
        value, has = default_of(field)
        if has:
            entry["default"] = value
        fields[field.name] = entry
    return {
        "label": meta.label,
        "table": meta.db_table,
        "verbose_name": str(meta.verbose_name),
        "pk": {"name": pk.name, "column": pk.column, "type": pk_type},
        "USERNAME_FIELD": model.USERNAME_FIELD,
        "EMAIL_FIELD": model.get_email_field_name(),
        "REQUIRED_FIELDS": list(model.REQUIRED_FIELDS),
        "fields": fields,
    }


def main():
    # As manage.py does: the folder it runs in is on the import path.
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    json.dump(describe(get_user_model()), sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
