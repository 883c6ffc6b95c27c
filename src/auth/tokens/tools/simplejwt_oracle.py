"""
Child process used by gen-token-vectors.py: configures Django with one SIMPLE_JWT
configuration (SimpleJWT reads its settings at import time, hence one process per
configuration), runs a list of operations against the real SimpleJWT 5.2.2 /
PyJWT 2.6 / DRF 3.14 with a frozen clock and scripted jti values, and prints the
outcomes as JSON. Input on stdin: {"secret_key", "simple_jwt", "ops": [...]}.
"""
import base64
import json
import sys
import types
from datetime import datetime, timedelta, timezone

import django
from django.conf import settings

job = json.load(sys.stdin)
simple_jwt = dict(job["simple_jwt"])
for name in ("ACCESS_TOKEN_LIFETIME", "REFRESH_TOKEN_LIFETIME"):
    if name in simple_jwt:
        simple_jwt[name] = timedelta(seconds=simple_jwt[name])
if "AUTH_HEADER_TYPES" in simple_jwt:
    simple_jwt["AUTH_HEADER_TYPES"] = tuple(simple_jwt["AUTH_HEADER_TYPES"])
if "AUTH_TOKEN_CLASSES" in simple_jwt:
    simple_jwt["AUTH_TOKEN_CLASSES"] = tuple(simple_jwt["AUTH_TOKEN_CLASSES"])

settings.configure(
    SECRET_KEY=job["secret_key"],
    USE_TZ=True,
    TIME_ZONE="UTC",
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "rest_framework"],
    DATABASES={},
    SIMPLE_JWT=simple_jwt,
)
django.setup()

import jwt.api_jwt  # noqa: E402
from rest_framework import exceptions as drf_exceptions  # noqa: E402
from rest_framework.authentication import TokenAuthentication  # noqa: E402
from rest_framework_simplejwt import tokens  # noqa: E402
from rest_framework_simplejwt.authentication import JWTAuthentication  # noqa: E402
from rest_framework_simplejwt.exceptions import TokenError  # noqa: E402
from rest_framework_simplejwt.settings import api_settings  # noqa: E402

# ---- frozen clock: SimpleJWT's aware_utcnow and PyJWT's datetime.now
NOW = [0.0]


class FrozenDatetime(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.fromtimestamp(NOW[0], tz)


jwt.api_jwt.datetime = FrozenDatetime
tokens.aware_utcnow = lambda: datetime.fromtimestamp(NOW[0], timezone.utc)

# ---- scripted uuid4().hex
JTIS = []
_real_uuid4 = tokens.uuid4
tokens.uuid4 = lambda: types.SimpleNamespace(hex=JTIS.pop(0)) if JTIS else _real_uuid4()


def token_arg(op):
    """A str token (JSON body path) or raw bytes (Authorization header path)."""
    if "token_b64" in op:
        return base64.b64decode(op["token_b64"])
    return op["token"]


def dumps(payload):
    return json.dumps(payload, separators=(",", ":"))


def render(detail):
    """DRF's JSON rendering of an exception detail (ErrorDetail -> str)."""
    def plain(v):
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return str(v)

    return json.dumps(plain(detail), ensure_ascii=False, separators=(",", ":"))


TOKEN_CLASSES = {"access": tokens.AccessToken, "refresh": tokens.RefreshToken, None: tokens.UntypedToken}


def run(op):
    NOW[0] = op.get("now", 0.0)
    JTIS[:] = op.get("jtis", [])
    kind = op["op"]
    if kind == "issue":
        user = types.SimpleNamespace(**{api_settings.USER_ID_FIELD: op["user_id"]})
        refresh = tokens.RefreshToken.for_user(user)
        for claim, value in json.loads(op.get("extra", "{}")).items():
            refresh[claim] = value
        return {"refresh": str(refresh), "access": str(refresh.access_token)}
    if kind == "refresh":  # TokenRefreshSerializer.validate
        refresh = tokens.RefreshToken(token_arg(op))
        data = {"access": str(refresh.access_token)}
        if op.get("rotate"):
            refresh.set_jti()
            refresh.set_exp()
            refresh.set_iat()
            data["refresh"] = str(refresh)
        return data
    if kind == "decode":
        return {"ok": dumps(TOKEN_CLASSES[op["type"]](token_arg(op)).payload)}
    if kind == "jwt_header":
        request = types.SimpleNamespace(META={} if op["header"] is None else {"HTTP_AUTHORIZATION": op["header"]})
        auth = JWTAuthentication()
        header = auth.get_header(request)
        if header is None:
            return {"skip": True}
        raw = auth.get_raw_token(header)
        return {"skip": True} if raw is None else {"token": raw.decode("latin-1")}
    if kind == "drf_header":
        request = types.SimpleNamespace(META={} if op["header"] is None else {"HTTP_AUTHORIZATION": op["header"]})
        auth = TokenAuthentication()
        auth.authenticate_credentials = lambda key: ("KEY", key)
        result = auth.authenticate(request)
        return {"skip": True} if result is None else {"key": result[1]}
    if kind == "validate":  # JWTAuthentication.get_validated_token
        JWTAuthentication().get_validated_token(base64.b64decode(op["token_b64"]))
        return {"valid": True}
    raise ValueError(kind)


results = []
for op in job["ops"]:
    try:
        results.append(run(op))
    except TokenError as e:
        results.append({"error": str(e.args[0])})
    except drf_exceptions.APIException as e:
        results.append({"status": e.status_code, "body": render(e.detail)})
    except Exception as e:  # what DRF would not catch: HTTP 500 on the reference
        results.append({"crash": type(e).__name__})
json.dump(results, sys.stdout)
