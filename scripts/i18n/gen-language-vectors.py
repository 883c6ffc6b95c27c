"""Django's own answers for src/i18n/language.spec.ts (parse_accept_lang_header, get_language_from_request).

  /usr/bin/python3 scripts/i18n/gen-language-vectors.py > src/i18n/language.vectors.json
  (the same answers with PYTHONPATH=/opt/djoser-ref-current/usr/lib/python3/dist-packages)
"""
import json
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', '..', 'shared', 'djoser-ref')); os.environ['DJANGO_SETTINGS_MODULE']='refproject.settings'
import django; django.setup()
from django.utils.translation import trans_real as t
from django.test import RequestFactory
headers = ['de', 'de-AT', 'pt-BR', 'pt', 'fr;q=0.3, pl;q=0.9, de;q=0.5', 'xx-YY', 'xx, *, de', 'de;q=2', 'zz-ZZ, es;q=0.1', 'zh-TW', 'zh-hk', 'en-US', 'sr-latn', 'es-419', '', 'de , fr', 'DE', 'x'*600, 'fr,' + 'x'*600, 'ca-ES-valencia', 'sr-Latn-RS']
rf = RequestFactory()
out = []
for h in headers:
    r = rf.get('/', HTTP_ACCEPT_LANGUAGE=h)
    out.append({'header': h, 'parsed': [list(p) for p in t.parse_accept_lang_header(h)], 'language': t.get_language_from_request(r)})
for c in ['ru', 'xx', 'de-at']:
    r = rf.get('/', HTTP_ACCEPT_LANGUAGE='de'); r.COOKIES['django_language'] = c
    out.append({'header': 'de', 'cookie': c, 'language': t.get_language_from_request(r)})
print(json.dumps(out, ensure_ascii=False, indent=1))
