#!/usr/bin/python3
"""
Records the behaviour of the real SimpleJWT 5.2.2 / PyJWT 2.6 / DRF 3.14 (Debian,
/usr/bin/python3) as test vectors for the token codec and the header parsers.

    cd src/auth/tokens/tools
    /usr/bin/python3 gen-token-vectors.py
        -> ../token-codec.vectors.json  (Python-issued tokens, decode verdicts, refresh/rotation)
        -> ../auth-header.vectors.json  (JWTAuthentication / TokenAuthentication header parsing)
    npx ts-node --transpile-only issue-ours.ts > /tmp/ours.json   (tokens issued by our codec)
    /usr/bin/python3 gen-token-vectors.py --ours /tmp/ours.json
        -> ../ours-accepted.vectors.json (what SimpleJWT made of our tokens)

Keys come from test-keys.json (generated once with openssl genpkey: RSA 2048, EC P-256/384/521).
"""
import base64
import hashlib
import hmac
import json
import os
import subprocess
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = json.load(open(os.path.join(HERE, "test-keys.json")))
SECRET = "vectors-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
NOW = 1700000000.25
N = int(NOW)
JTI_A = "0123456789abcdef0123456789abcdef"

# ------------------------------------------------------------------ configurations
CONFIGS = {
    "hs256": {},
    "hs384": {"ALGORITHM": "HS384", "SIGNING_KEY": "another-signing-key-é"},
    "hs512": {"ALGORITHM": "HS512", "SIGNING_KEY": "k"},
    "rs256": {"ALGORITHM": "RS256", "SIGNING_KEY": KEYS["rsa"]["private"], "VERIFYING_KEY": KEYS["rsa"]["public"]},
    "rs384": {"ALGORITHM": "RS384", "SIGNING_KEY": KEYS["rsa"]["private"], "VERIFYING_KEY": KEYS["rsa"]["public"]},
    "rs512": {"ALGORITHM": "RS512", "SIGNING_KEY": KEYS["rsa"]["private"], "VERIFYING_KEY": KEYS["rsa"]["public"]},
    "es256": {"ALGORITHM": "ES256", "SIGNING_KEY": KEYS["ec256"]["private"], "VERIFYING_KEY": KEYS["ec256"]["public"]},
    "es384": {"ALGORITHM": "ES384", "SIGNING_KEY": KEYS["ec384"]["private"], "VERIFYING_KEY": KEYS["ec384"]["public"]},
    "es512": {"ALGORITHM": "ES512", "SIGNING_KEY": KEYS["ec521"]["private"], "VERIFYING_KEY": KEYS["ec521"]["public"]},
    "aud_iss": {"AUDIENCE": "api://aud", "ISSUER": "https://issuer.example"},
    "leeway": {"LEEWAY": 30},
    "leeway_frac": {"LEEWAY": 0.5},
    "lifetimes": {"ACCESS_TOKEN_LIFETIME": 90.5, "REFRESH_TOKEN_LIFETIME": 3600.75},
    "custom_claims": {"USER_ID_CLAIM": "uid", "TOKEN_TYPE_CLAIM": "kind", "JTI_CLAIM": "tid"},
    "null_claims": {"TOKEN_TYPE_CLAIM": None, "JTI_CLAIM": None},
    "headers": {
        "AUTH_HEADER_TYPES": ["Bearer", "JWT"],
        "AUTH_TOKEN_CLASSES": ["rest_framework_simplejwt.tokens.AccessToken", "rest_framework_simplejwt.tokens.UntypedToken"],
    },
}


def settings_for(name):
    """The config as JwtSettings-ish JSON for the TS side (SimpleJWT defaults filled in)."""
    c = CONFIGS[name]
    return {
        "accessTokenLifetime": c.get("ACCESS_TOKEN_LIFETIME", 300),
        "refreshTokenLifetime": c.get("REFRESH_TOKEN_LIFETIME", 86400),
        "algorithm": c.get("ALGORITHM", "HS256"),
        "signingKey": c.get("SIGNING_KEY", SECRET),
        "verifyingKey": c.get("VERIFYING_KEY", ""),
        "audience": c.get("AUDIENCE"),
        "issuer": c.get("ISSUER"),
        "leeway": c.get("LEEWAY", 0),
        "authHeaderTypes": c.get("AUTH_HEADER_TYPES", ["Bearer"]),
        "userIdField": "id",
        "userIdClaim": c.get("USER_ID_CLAIM", "user_id"),
        "tokenTypeClaim": c.get("TOKEN_TYPE_CLAIM", "token_type"),
        "jtiClaim": c.get("JTI_CLAIM", "jti"),
    }


def run_config(name, ops):
    job = {"secret_key": SECRET, "simple_jwt": CONFIGS[name], "ops": ops}
    out = subprocess.run(
        ["/usr/bin/python3", os.path.join(HERE, "simplejwt_oracle.py")],
        input=json.dumps(job).encode(),
        capture_output=True,
        check=True,
    )
    return json.loads(out.stdout)


# ------------------------------------------------------------------ hand-made tokens
def b64(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def js(obj) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode()


def header(alg="HS256", **extra) -> bytes:
    return js(dict(sorted({"alg": alg, "typ": "JWT", **extra}.items())))


def sign(alg: str, key, signing_input: bytes) -> bytes:
    if alg == "none":
        return b""
    bits = {"256": hashes.SHA256, "384": hashes.SHA384, "512": hashes.SHA512}[alg[2:]]
    if alg.startswith("HS"):
        return hmac.new(key.encode() if isinstance(key, str) else key, signing_input, getattr(hashlib, "sha" + alg[2:])).digest()
    private = serialization.load_pem_private_key(key.encode(), password=None)
    if alg.startswith("RS"):
        return private.sign(signing_input, padding.PKCS1v15(), bits())
    der = private.sign(signing_input, ec.ECDSA(bits()))
    r, s = decode_dss_signature(der)
    size = (private.curve.key_size + 7) // 8
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def raw_token(payload: bytes, hdr: bytes = None, alg="HS256", key=SECRET, segments=None) -> bytes:
    """header.payload.signature over raw JSON bytes; `segments` overrides the encoded header/payload text."""
    hdr = header(alg) if hdr is None else hdr
    h_seg, p_seg = segments or (b64(hdr), b64(payload))
    signing_input = h_seg + b"." + p_seg
    return signing_input + b"." + b64(sign(alg, key, signing_input))


def claims(**over):
    base = {"token_type": "access", "exp": N + 300, "iat": N, "jti": JTI_A, "user_id": 1}
    for k, v in over.items():
        if v is DROP:
            base.pop(k, None)
        else:
            base[k] = v
    return base


DROP = object()


def tok(payload=None, **kw) -> bytes:
    return raw_token(js(claims() if payload is None else payload), **kw)


def raw_json_token(text: str, **kw) -> bytes:
    return raw_token(text.encode(), **kw)


def swap_last_char_low_bits(token: bytes) -> bytes:
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    v = alphabet.index(token[-1:])
    return token[:-1] + alphabet[v ^ 0b11: (v ^ 0b11) + 1]


# ------------------------------------------------------------------ decode cases
def decode_cases():
    """(config, label, token bytes, expected type, send as: 'str' | 'bytes', now)."""
    cases = []

    def add(label, token, type_="access", config="hs256", as_="str", now=NOW):
        cases.append((config, label, token, type_, as_, now))

    valid_access = tok()
    valid_refresh = tok(claims(token_type="refresh", exp=N + 86400))
    add("valid access as access", valid_access)
    add("valid access as refresh", valid_access, "refresh")
    add("valid access untyped", valid_access, None)
    add("valid refresh as refresh", valid_refresh, "refresh")
    add("valid refresh as access", valid_refresh, "access")
    add("valid access via header bytes", valid_access, as_="bytes")
    # exp / jti / type presence
    add("exp == now (floored)", tok(claims(exp=N)))
    add("exp == now + 1", tok(claims(exp=N + 1)))
    add("exp in the past", tok(claims(exp=N - 100)))
    add("no exp", tok(claims(exp=DROP)))
    add("no exp untyped", tok(claims(exp=DROP)), None)
    add("no jti", tok(claims(jti=DROP)))
    add("jti null", tok(claims(jti=None)))
    add("no token_type", tok(claims(token_type=DROP)))
    add("no token_type untyped", tok(claims(token_type=DROP)), None)
    add("token_type 1", tok(claims(token_type=1)))
    add("token_type sliding", tok(claims(token_type="sliding")))
    add("no exp and no jti", tok(claims(exp=DROP, jti=DROP)))
    add("no jti and no type", tok(claims(jti=DROP, token_type=DROP)))
    add("expired and no jti", tok(claims(exp=N - 1, jti=DROP)))
    # iat
    add("iat future", tok(claims(iat=N + 10)))
    add("iat float slightly future", tok(claims(iat=N + 0.5)))
    add("iat float past", tok(claims(iat=N - 0.5)))
    add("iat string abc", tok(claims(iat="abc")))
    add("iat string digits", tok(claims(iat="123")))
    add("iat null", tok(claims(iat=None)))
    add("iat list", tok(claims(iat=[1])))
    add("iat object", tok(claims(iat={})))
    add("iat true", tok(claims(iat=True)))
    add("iat 1e300", tok(claims(iat=1e300)))
    add("iat huge int", tok(claims(iat=10**30)))
    add("iat negative", tok(claims(iat=-5)))
    add("iat NaN", raw_json_token('{"token_type":"access","exp":%d,"iat":NaN,"jti":"x","user_id":1}' % (N + 300)))
    add("iat Infinity", raw_json_token('{"token_type":"access","exp":%d,"iat":Infinity,"jti":"x","user_id":1}' % (N + 300)))
    add("iat string 1__0", tok(claims(iat="1__0")))
    add("iat string arabic digits", tok(claims(iat="\u0661\u0662")))
    add("iat missing", tok(claims(iat=DROP)))
    add("iat bad and expired", tok(claims(iat=None, exp=N - 5)))
    # nbf
    add("nbf future", tok(claims(nbf=N + 100)))
    add("nbf past", tok(claims(nbf=N - 100)))
    add("nbf string digits past", tok(claims(nbf="123")))
    add("nbf string digits future", tok(claims(nbf="99999999999")))
    add("nbf string padded", tok(claims(nbf=" 1_000 ")))
    add("nbf string fullwidth digits", tok(claims(nbf="\uff11\uff12")))
    add("nbf string with \\x1c", tok(claims(nbf="\x1c12")))
    add("nbf string with nbsp", tok(claims(nbf="\xa012")))
    add("nbf string abc", tok(claims(nbf="abc")))
    add("nbf null", tok(claims(nbf=None)))
    add("nbf float within the second", tok(claims(nbf=N + 0.9)))
    add("nbf true", tok(claims(nbf=True)))
    add("nbf Infinity", raw_json_token('{"token_type":"access","exp":%d,"iat":%d,"jti":"x","user_id":1,"nbf":Infinity}' % (N + 300, N)))
    add("nbf -Infinity", raw_json_token('{"token_type":"access","exp":%d,"iat":%d,"jti":"x","user_id":1,"nbf":-Infinity}' % (N + 300, N)))
    # exp types and ranges
    add("exp string future", tok(claims(exp="99999999999")))
    add("exp string past", tok(claims(exp="5")))
    add("exp string abc", tok(claims(exp="abc")))
    add("exp null", tok(claims(exp=None)))
    add("exp list", tok(claims(exp=[N + 300])))
    add("exp true", tok(claims(exp=True)))
    add("exp float within the second", tok(claims(exp=N + 0.5)))
    add("exp float next second", tok(claims(exp=N + 1.5)))
    add("exp 1e20", tok(claims(exp=1e20)))
    add("exp year 9999", tok(claims(exp=253402300799)))
    add("exp year 10000", tok(claims(exp=253402300800)))
    add("exp huge int", tok(claims(exp=10**30)))
    add("exp NaN", raw_json_token('{"token_type":"access","exp":NaN,"iat":%d,"jti":"x","user_id":1}' % N))
    add("exp Infinity", raw_json_token('{"token_type":"access","exp":Infinity,"iat":%d,"jti":"x","user_id":1}' % N))
    add("exp 1e400 (inf)", raw_json_token('{"token_type":"access","exp":1e400,"iat":%d,"jti":"x","user_id":1}' % N))
    add("exp float 1700000300.0", raw_json_token('{"token_type":"access","exp":%d.0,"iat":%d,"jti":"x","user_id":1}' % (N + 300, N)))
    # aud / iss ignored without AUDIENCE / ISSUER
    add("aud and iss present, not configured", tok(claims(aud="someone", iss="someone")))
    # algorithm / signature
    add("alg none, empty signature", raw_token(js(claims()), hdr=header("none"), alg="none"))
    add("alg none, HS256 signature", raw_token(js(claims()), hdr=header("none")))
    add("alg HS512 signed HS512 same key", raw_token(js(claims()), hdr=header("HS512"), alg="HS512"))
    add("alg lowercase hs256", raw_token(js(claims()), hdr=header("hs256")))
    add("no alg", raw_token(js(claims()), hdr=js({"typ": "JWT"})))
    add("alg null", raw_token(js(claims()), hdr=js({"alg": None, "typ": "JWT"})))
    add("alg list", raw_token(js(claims()), hdr=js({"alg": ["HS256"], "typ": "JWT"})))
    add("header b64 false", raw_token(js(claims()), hdr=header(b64=False)))
    add("header kid int", raw_token(js(claims()), hdr=header(kid=123)))
    add("header typ JOSE and extra", raw_token(js(claims()), hdr=js({"alg": "HS256", "typ": "JOSE", "x": [1]})))
    add("header not an object", raw_token(js(claims()), hdr=b"[]"))
    add("header not JSON", raw_token(js(claims()), hdr=b"{alg}"))
    add("header with utf-8 BOM", raw_token(js(claims()), hdr=b"\xef\xbb\xbf" + header()))
    add("wrong key", tok(key="another-key"))
    tampered = valid_access.split(b".")
    add("tampered payload", tampered[0] + b"." + b64(js(claims(user_id=2))) + b"." + tampered[2])
    add("signature of another token", tampered[0] + b"." + tampered[1] + b"." + valid_refresh.split(b".")[2])
    add("signature last char low bits changed", swap_last_char_low_bits(valid_access))
    add("signature + '='", valid_access + b"=")
    add("signature + '=='", valid_access + b"==")
    add("signature + '!'", valid_access + b"!")
    add("signature + '!!'", valid_access + b"!!")
    add("signature truncated by one char", valid_access[:-1])
    add("signature truncated by two chars", valid_access[:-2])
    add("signature empty", valid_access[: valid_access.rindex(b".") + 1])
    add("signature in standard base64", valid_access[: valid_access.rindex(b".")] + b"." + base64.b64encode(
        base64.urlsafe_b64decode(valid_access.split(b".")[2] + b"=")).rstrip(b"="))
    add("signature + 0xe9 as str", valid_access + "é".encode())
    add("signature + 0xe9 as bytes", valid_access + b"\xe9", as_="bytes")
    add("signature + 0xe9 0xe9 as bytes", valid_access + b"\xe9\xe9", as_="bytes")
    add("leading space", b" " + valid_access)
    # segments
    add("empty", b"")
    add("one segment", b"abc")
    add("two segments", valid_access[: valid_access.rindex(b".")])
    add("dots only", b"..")
    for pad in ("", "x", "xx"):
        p = b64(js(claims(pad=pad)))
        for cut in (4, 5):
            add("payload segment (%d chars) split by a dot at %d" % (len(p), cut),
                raw_token(b"", segments=(b64(header()), p[:cut] + b"." + p[cut:])))
    add("header segment with junk", raw_token(b"", segments=(b64(header()) + b"!", p)))
    add("payload segment with padding", raw_token(b"", segments=(b64(header()), base64.urlsafe_b64encode(js(claims())))))
    # payload JSON forms
    add("payload list", raw_json_token("[1]"))
    add("payload null", raw_json_token("null"))
    add("payload string", raw_json_token('"x"'))
    add("payload not JSON", raw_json_token("{token_type}"))
    add("payload trailing garbage", raw_json_token(js(claims()).decode() + "x"))
    add("payload trailing comma", raw_json_token(js(claims()).decode()[:-1] + ",}"))
    add("payload surrounded by whitespace", raw_json_token(" \t\r\n" + js(claims()).decode() + "\n"))
    add("payload with raw control char", raw_json_token(js(claims(name="a\tb")).decode().replace("\\t", "\t")))
    add("payload duplicate keys", raw_json_token(js(claims()).decode()[:-1] + ',"user_id":2,"token_type":"refresh"}'), "refresh")
    add("payload big int user_id", tok(claims(user_id=2**70)))
    add("payload floats", raw_json_token(
        '{"token_type":"access","exp":%d,"iat":%d,"jti":"x","user_id":1.0,"a":1e16,"b":1e-5,"c":-0.0,'
        '"d":0.1,"e":123456789012345678,"f":1E+2,"g":NaN,"h":-Infinity,"i":1e400,"j":-0,"k":2.5e-7}' % (N + 300, N)))
    add("payload unicode raw", raw_token(
        ('{"token_type":"access","exp":%d,"iat":%d,"jti":"x","user_id":"é😀\u2028","\u00fc":"\x7f"}' % (N + 300, N)).encode()))
    add("payload escaped surrogates", raw_json_token(
        '{"token_type":"access","exp":%d,"iat":%d,"jti":"x","user_id":"\\ud83d\\ude00\\ud800\\udc00x\\udfff"}' % (N + 300, N)))
    add("payload encoded lone surrogate", raw_token(
        b'{"token_type":"access","exp":%d,"iat":%d,"jti":"x","user_id":"\xed\xa0\x80"}' % (N + 300, N)))
    add("payload overlong utf-8", raw_token(
        b'{"token_type":"access","exp":%d,"iat":%d,"jti":"x","user_id":"\xc0\xaf"}' % (N + 300, N)))
    add("payload invalid escape", raw_json_token(js(claims()).decode()[:-1] + ',"x":"\\q"}'))
    add("payload escaped slash and unicode", raw_json_token(js(claims()).decode()[:-1] + ',"x":"\\/\\u00e9\\u0000"}'))
    add("payload utf-8 BOM", raw_token(b"\xef\xbb\xbf" + js(claims())))
    add("payload two utf-8 BOMs", raw_token(b"\xef\xbb\xbf\xef\xbb\xbf" + js(claims())))
    add("payload utf-16-le", raw_token(js(claims()).decode().encode("utf-16-le")))
    add("payload utf-16-be", raw_token(js(claims()).decode().encode("utf-16-be")))
    add("payload utf-16 with BOM", raw_token(js(claims(user_id="ü")).decode().encode("utf-16")))
    add("payload utf-32-le", raw_token(js(claims()).decode().encode("utf-32-le")))
    add("payload utf-32 with BOM", raw_token(js(claims()).decode().encode("utf-32")))
    add("payload utf-16-le odd length", raw_token(js(claims()).decode().encode("utf-16-le") + b"\x20"))
    add("payload int 4300 digits", raw_json_token(js(claims()).decode()[:-1] + ',"x":' + "9" * 4300 + "}"))
    add("payload int 4301 digits", raw_json_token(js(claims()).decode()[:-1] + ',"x":' + "9" * 4301 + "}"))
    add("payload __proto__ key", raw_json_token(js(claims()).decode()[:-1] + ',"__proto__":{"a":1},"constructor":1}'))
    add("payload numeric-looking keys", raw_json_token(js(claims()).decode()[:-1] + ',"b":1,"2":2,"a":3}'))
    add("payload nested 200 deep", raw_json_token(js(claims()).decode()[:-1] + ',"x":' + "[" * 200 + "]" * 200 + "}"))
    add("oversized token (9000 bytes)", tok(claims(pad="x" * 6700)))
    # leeway
    add("leeway 30: exp now-10", tok(claims(exp=N - 10)), config="leeway")
    add("leeway 30: exp now-30", tok(claims(exp=N - 30)), config="leeway")
    add("leeway 30: exp now-29", tok(claims(exp=N - 29)), config="leeway")
    add("leeway 30: iat now+20", tok(claims(iat=N + 20)), config="leeway")
    add("leeway 30: iat now+31", tok(claims(iat=N + 31)), config="leeway")
    add("leeway 30: nbf now+30", tok(claims(nbf=N + 30)), config="leeway")
    add("leeway 30: nbf now+31", tok(claims(nbf=N + 31)), config="leeway")
    add("leeway 0.5: exp now (now .75)", tok(claims(exp=N)), config="leeway_frac", now=N + 0.75)
    add("leeway 0.5: exp now (now .25)", tok(claims(exp=N)), config="leeway_frac", now=N + 0.25)
    add("leeway 0.5: exp now-1 (now .25)", tok(claims(exp=N - 1)), config="leeway_frac", now=N + 0.25)
    add("leeway 0.5: iat now+0.5", tok(claims(iat=N + 0.5)), config="leeway_frac")
    # audience / issuer
    ai = dict(aud="api://aud", iss="https://issuer.example")
    add("aud+iss ok", tok(claims(**ai)), config="aud_iss")
    add("aud list containing", tok(claims(aud=["x", "api://aud"], iss=ai["iss"])), config="aud_iss")
    add("aud list without", tok(claims(aud=["x"], iss=ai["iss"])), config="aud_iss")
    add("aud list with non-string", tok(claims(aud=["api://aud", 1], iss=ai["iss"])), config="aud_iss")
    add("aud empty string", tok(claims(aud="", iss=ai["iss"])), config="aud_iss")
    add("aud empty list", tok(claims(aud=[], iss=ai["iss"])), config="aud_iss")
    add("aud object", tok(claims(aud={"a": 1}, iss=ai["iss"])), config="aud_iss")
    add("aud 0", tok(claims(aud=0, iss=ai["iss"])), config="aud_iss")
    add("aud 1", tok(claims(aud=1, iss=ai["iss"])), config="aud_iss")
    add("aud wrong", tok(claims(aud="api://other", iss=ai["iss"])), config="aud_iss")
    add("aud missing", tok(claims(iss=ai["iss"])), config="aud_iss")
    add("iss missing", tok(claims(aud=ai["aud"])), config="aud_iss")
    add("iss wrong", tok(claims(aud=ai["aud"], iss="https://other")), config="aud_iss")
    add("iss number", tok(claims(aud=ai["aud"], iss=1)), config="aud_iss")
    add("iss null", tok(claims(aud=ai["aud"], iss=None)), config="aud_iss")
    add("aud+iss ok, expired", tok(claims(exp=N - 1, **ai)), config="aud_iss")
    add("aud+iss ok, no jti", tok(claims(jti=DROP, **ai)), config="aud_iss")
    # custom and disabled claim names
    add("custom claims: default names", tok(), config="custom_claims")
    add("custom claims: custom names", tok({"kind": "access", "exp": N + 300, "tid": "x", "uid": 1}), config="custom_claims")
    add("custom claims: wrong kind", tok({"kind": "refresh", "exp": N + 300, "tid": "x", "uid": 1}), config="custom_claims")
    add("null claims: bare exp", tok({"exp": N + 300}), config="null_claims")
    add("null claims: bare exp, as refresh", tok({"exp": N + 300}), "refresh", config="null_claims")
    # other algorithms
    for name, key, alg in (("hs384", "another-signing-key-é", "HS384"), ("hs512", "k", "HS512")):
        add(name + ": valid", tok(alg=alg, key=key), config=name)
        add(name + ": HS256 token", tok(alg="HS256", key=key), config=name)
        add(name + ": wrong key", tok(alg=alg, key=key + "x"), config=name)
    for name, pair, alg in (("rs256", "rsa", "RS256"), ("rs384", "rsa", "RS384"), ("rs512", "rsa", "RS512"),
                            ("es256", "ec256", "ES256"), ("es384", "ec384", "ES384"), ("es512", "ec521", "ES512")):
        priv, pub = KEYS[pair]["private"], KEYS[pair]["public"]
        if alg.startswith("RS"):
            other = KEYS["rsa2"]["private"]
        else:  # a throwaway key on the same curve
            curve = serialization.load_pem_private_key(priv.encode(), password=None).curve
            other = ec.generate_private_key(curve).private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
        good = tok(alg=alg, key=priv)
        add(name + ": valid", good, config=name)
        add(name + ": valid refresh", tok(claims(token_type="refresh"), alg=alg, key=priv), "refresh", config=name)
        add(name + ": signed by another key", tok(alg=alg, key=other), config=name)
        add(name + ": HS256 with the public key as HMAC secret", tok(alg="HS256", key=pub), config=name)
        add(name + ": HS256 with the public key, header says " + alg, raw_token(js(claims()), hdr=header(alg), alg="HS256", key=pub), config=name)
        add(name + ": tampered payload", good.split(b".")[0] + b"." + b64(js(claims(user_id=2))) + b"." + good.split(b".")[2], config=name)
        add(name + ": expired", tok(claims(exp=N - 1), alg=alg, key=priv), config=name)
        add(name + ": alg none", raw_token(js(claims()), hdr=header("none"), alg="none"), config=name)
        if alg.startswith("ES"):
            sig = base64.urlsafe_b64decode(good.split(b".")[2] + b"==")
            half = len(sig) // 2
            r, s = int.from_bytes(sig[:half], "big"), int.from_bytes(sig[half:], "big")
            from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
            der = encode_dss_signature(r, s)
            add(name + ": DER signature", good[: good.rindex(b".")] + b"." + b64(der), config=name)
            add(name + ": signature one byte short", good[: good.rindex(b".")] + b"." + b64(sig[:-1]), config=name)
    return cases


def decode_op(token, type_, as_, now):
    op = {"op": "decode", "type": type_, "now": now}
    if as_ == "bytes":
        op["token_b64"] = base64.b64encode(token).decode()
    else:
        op["token"] = token.decode("utf-8")
    return op


# ------------------------------------------------------------------ issue / refresh cases
def issue_cases():
    """(config, label, user_id, extra JSON text)."""
    out = []
    for config in CONFIGS:
        if config == "headers":
            continue
        out.append((config, "int user id", 1, "{}"))
    out.append(("hs256", "string user id", "abc-é", "{}"))
    out.append(("hs256", "large int user id", 2**40, "{}"))
    out.append(("hs256", "extra claims", 7, '{"username":"ünï\\u2028😀","roles":["a",1.0,null,true],"n":1e16,"f":0.1,"big":123456789012345678901}'))
    out.append(("aud_iss", "extra claims", 7, '{"username":"x"}'))
    out.append(("custom_claims", "extra claims", 3, '{"username":"x"}'))
    out.append(("null_claims", "extra claims", 3, '{"username":"x"}'))
    return out


def main():
    vectors = {"now": NOW, "configs": {name: settings_for(name) for name in CONFIGS}, "issue": [], "refresh": [], "decode": []}

    # 1. Python issues pairs with a fixed clock and jtis
    by_config = {}
    for i, (config, label, user_id, extra) in enumerate(issue_cases()):
        jtis = ["%032x" % (0xA0 + 2 * i), "%032x" % (0xA1 + 2 * i)]
        by_config.setdefault(config, []).append((label, user_id, extra, jtis))
    for config, items in by_config.items():
        ops = [{"op": "issue", "now": NOW, "jtis": jtis, "user_id": uid, "extra": extra} for _, uid, extra, jtis in items]
        for (label, uid, extra, jtis), result in zip(items, run_config(config, ops)):
            vectors["issue"].append({"config": config, "label": label, "now": NOW, "jtis": jtis, "userId": uid,
                                     "userIdIsBig": uid > 2**53 if isinstance(uid, int) else False,
                                     "extra": extra, "result": result})

    # 2. Python refreshes its own refresh tokens later, with and without rotation
    later = NOW + 1234.5
    for item in list(vectors["issue"]):
        if item["config"] in ("es256", "es384", "es512") or "refresh" not in item["result"]:
            continue
        ops = [{"op": "refresh", "now": later, "token": item["result"]["refresh"], "rotate": rotate,
                "jtis": ["%032x" % 0xF0, "%032x" % 0xF1]} for rotate in (False, True)]
        if item["config"] == "null_claims":
            ops = ops[:1]  # with JTI_CLAIM=None, rotation writes the key "null" twice (not reproduced)
        for op, result in zip(ops, run_config(item["config"], ops)):
            vectors["refresh"].append({"config": item["config"], "label": item["label"], "now": later, "jtis": op["jtis"],
                                       "token": op["token"], "rotate": op["rotate"], "result": result})

    # 3. decode verdicts
    cases = decode_cases()
    by_config = {}
    for case in cases:
        by_config.setdefault(case[0], []).append(case)
    for config, items in by_config.items():
        ops = [decode_op(token, type_, as_, now) for _, _, token, type_, as_, now in items]
        for (config, label, token, type_, as_, now), result in zip(items, run_config(config, ops)):
            vectors["decode"].append({"config": config, "label": label, "now": now, "type": type_, "as": as_,
                                      "tokenB64": base64.b64encode(token).decode(), "result": result})

    with open(os.path.join(HERE, "..", "token-codec.vectors.json"), "w") as f:
        json.dump(vectors, f, indent=1, ensure_ascii=True)
        f.write("\n")

    write_header_vectors()


HEADERS = [
    None, "", " ", "\t", "Bearer", "Bearer ", "Bearer abc", "Bearer  abc", "Bearer\tabc", "Bearer\x0babc", "Bearer\x0cabc",
    "Bearer\x1cabc", "Bearer\x85abc", "Bearer\xa0abc", "  Bearer abc  ", "Bearer abc def", "Bearer abc\tdef",
    "bearer abc", "BEARER abc", "JWT abc", "JWT", "Jwt abc", "Basic dXNlcjpwYXNz", "Token", "Token ", "token abc", "TOKEN abc",
    "Token abc", "Token  abc", "Token\tabc", "Token a b", "Token a\x0bb", "Token a\x1cb", "Token a\x85b", "Tokenabc", "Token\xa0abc",
    "Token caf\xc3\xa9", "Token caf\xe9", "Token \xef\xbb\xbfabc", "Token \xed\xa0\x80", "Token \xc0\xaf", "Token \xf4\x90\x80\x80",
    "Token \xf0\x9f\x98\x80", "Bearer caf\xc3\xa9", "Bearer \xff\xfe", "T\xf6ken abc", "Bearer\x00abc", "Token\r\nabc", "Bearer\x0aabc",
    "Bearer " + "a" * 300, "Token 401f7ac837da42b97f613d789819ff93537bee6a", "Token 401f7ac837da42b97f613d789819ff93537bee6a x",
    "Bearer Bearer", "Token Token", "JWT a.b.c",
]


def write_header_vectors():
    ops = []
    for h in HEADERS:
        ops.append({"op": "jwt_header", "header": h})
        ops.append({"op": "drf_header", "header": h})
    results = run_config("headers", ops)
    rows = []
    for i, h in enumerate(HEADERS):
        rows.append({"header": h, "jwt": results[2 * i], "drf": results[2 * i + 1]})
    # full InvalidToken bodies from JWTAuthentication.get_validated_token (AccessToken, UntypedToken)
    refresh = tok(claims(token_type="refresh"))
    tokens = [("garbage", b"junk"), ("refresh token", refresh), ("no exp", tok(claims(exp=DROP))),
              ("no jti", tok(claims(jti=DROP))), ("no type", tok(claims(token_type=DROP)))]
    validate_ops = [{"op": "validate", "token_b64": base64.b64encode(t).decode(), "now": NOW} for _, t in tokens]
    tokens.append(("expired", tok(claims(exp=N - 1))))
    validate_ops.append({"op": "validate", "token_b64": base64.b64encode(tokens[-1][1]).decode(), "now": NOW})
    body_rows = []
    for config in ("headers", "hs256"):
        body_rows += [{"label": label, "config": config, "now": NOW, "tokenB64": base64.b64encode(t).decode(), "result": r}
                      for (label, t), r in zip(tokens, run_config(config, validate_ops))]
    with open(os.path.join(HERE, "..", "auth-header.vectors.json"), "w") as f:
        json.dump({"authHeaderTypes": CONFIGS["headers"]["AUTH_HEADER_TYPES"], "headers": rows, "invalidTokenBodies": body_rows},
                  f, indent=1, ensure_ascii=True)
        f.write("\n")


def ours(path):
    """Decode tokens our codec issued (issue-ours.ts output) with SimpleJWT, and refresh them."""
    data = json.load(open(path))
    out = []
    by_config = {}
    for item in data:
        by_config.setdefault(item["config"], []).append(item)
    for config, items in by_config.items():
        ops = []
        for item in items:
            ops.append({"op": "decode", "type": "refresh", "token": item["refresh"], "now": item["now"]})
            ops.append({"op": "decode", "type": "access", "token": item["access"], "now": item["now"]})
            ops.append({"op": "refresh", "token": item["refresh"], "now": item["now"] + 60, "rotate": True,
                        "jtis": ["%032x" % 0xE0, "%032x" % 0xE1]})
        results = run_config(config, ops)
        for i, item in enumerate(items):
            out.append({**item, "simplejwt": {"refresh": results[3 * i], "access": results[3 * i + 1], "refreshed": results[3 * i + 2]}})
    with open(os.path.join(HERE, "..", "ours-accepted.vectors.json"), "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=True)
        f.write("\n")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--ours":
        ours(sys.argv[2])
    else:
        main()
