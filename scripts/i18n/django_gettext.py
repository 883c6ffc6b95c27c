"""Answers gettext/ngettext as one Django stack does (run by extract-catalogs.mjs).

Reads {"messages": [{"msgid": ..., "plural": ...?}], "counts": N} on stdin and prints, per
language Django can activate (settings.LANGUAGES with a compiled catalog), what
translation.gettext / ngettext return under translation.override(). Django reads the .mo
files with Python's gettext module and merges them in its own order (conf/locale, then the
installed apps, pt_BR falling back to pt...), so asking Django keeps each stack's answers
exact, including catalogs a stack ships only as .po (never loaded).
"""
import json
import os
import sys

sys.path.insert(0, sys.argv[1])  # the djoser-ref project directory
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "refproject.settings")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

django.setup()

from django.conf.locale import LANG_INFO  # noqa: E402
from django.utils import translation  # noqa: E402
from django.utils.translation import trans_real  # noqa: E402

request = json.load(sys.stdin)
counts = range(request["counts"])
languages = [code for code, _ in settings.LANGUAGES]
available = [code for code in languages if translation.check_for_language(code)]
catalogs = {}
for code in available:
    with translation.override(code):
        out = {}
        for m in request["messages"]:
            if m.get("plural"):
                forms = [translation.ngettext(m["msgid"], m["plural"], n) for n in counts]
                english = [m["msgid"] if n == 1 else m["plural"] for n in counts]
                if forms != english:
                    out[m["msgid"]] = forms
            else:
                text = translation.gettext(m["msgid"])
                if text != m["msgid"]:
                    out[m["msgid"]] = text
        catalogs[code] = out
json.dump(
    {
        "django": django.get_version(),
        "languages": languages,
        "available": available,
        "fallbacks": {k: v["fallback"] for k, v in LANG_INFO.items() if "fallback" in v},
        "catalogs": catalogs,
    },
    sys.stdout,
    ensure_ascii=False,
)
