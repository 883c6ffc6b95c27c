"""Writes ../pyjwt-vectors.json: throwaway test-only key pairs and tokens signed by PyJWT 2.6
(Debian's, the one SimpleJWT 5.2.2 uses on the reference). Run with /usr/bin/python3."""
import json, os
import jwt
from cryptography.hazmat.primitives.asymmetric import rsa, ec
from cryptography.hazmat.primitives import serialization as s

SECRET_KEY = "test-secret-key-for-the-e2e-suite-0123456789"  # test/support/test-app.ts TEST_ENV


def pem(k):
    priv = k.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption()).decode()
    pub = k.public_key().public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo).decode()
    return priv, pub


rsa_priv, rsa_pub = pem(rsa.generate_private_key(public_exponent=65537, key_size=2048))
ec_priv, ec_pub = pem(ec.generate_private_key(ec.SECP256R1()))
base = {"token_type": "access", "exp": 4102444800, "iat": 1700000000, "jti": "0123456789abcdef0123456789abcdef", "user_id": 1}
out = {
    "rsaPrivate": rsa_priv, "rsaPublic": rsa_pub, "ecPrivate": ec_priv, "ecPublic": ec_pub,
    "rs256": jwt.encode(base, rsa_priv, algorithm="RS256"),
    "es256": jwt.encode(base, ec_priv, algorithm="ES256"),
    "hs256AudIss": jwt.encode({**base, "aud": "my-api", "iss": "my-issuer"}, SECRET_KEY, algorithm="HS256"),
    "hs256WrongAud": jwt.encode({**base, "aud": "other-api", "iss": "my-issuer"}, SECRET_KEY, algorithm="HS256"),
    "hs256NoAud": jwt.encode(base, SECRET_KEY, algorithm="HS256"),
}
with open(os.path.join(os.path.dirname(__file__), "..", "pyjwt-vectors.json"), "w") as f:
    json.dump(out, f, indent=1)
