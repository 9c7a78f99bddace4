"""A small OpenID Connect provider on loopback for the single sign-on tests: authorization code flow with
RS256 ID tokens, a userinfo endpoint and a JWKS document. Each test sets the claims it wants issued."""

from __future__ import annotations

import json
import secrets
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


@dataclass
class Provider:
    base: str
    client_id: str = "gongkai-staff"
    client_secret: str = "s3cret"
    claims: dict[str, Any] = field(default_factory=dict)
    audience: str | None = None  # None: the client id
    key: Any = field(default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048))
    signing_key: Any = None  # None: ``key`` (set another key to forge a signature)
    codes: dict[str, str] = field(default_factory=dict)  # code -> nonce
    tokens: set[str] = field(default_factory=set)

    def endpoints(self) -> dict[str, str]:
        return {"OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.base}/authorize",
                "OIDC_OP_TOKEN_ENDPOINT": f"{self.base}/token", "OIDC_OP_USER_ENDPOINT": f"{self.base}/userinfo",
                "OIDC_OP_JWKS_ENDPOINT": f"{self.base}/jwks", "OIDC_RP_CLIENT_ID": self.client_id,
                "OIDC_RP_CLIENT_SECRET": self.client_secret}

    def sign_in(self, authorize_url: str) -> str:
        """What the provider does after the person signs in there: the redirect back with a code."""
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(authorize_url).query))
        assert query["client_id"] == self.client_id and query["response_type"] == "code"
        code = secrets.token_urlsafe(16)
        self.codes[code] = query.get("nonce", "")
        return f"{query['redirect_uri']}?{urllib.parse.urlencode({'code': code, 'state': query['state']})}"

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        payload = {"iss": self.base, "aud": self.audience or self.client_id, "iat": now, "exp": now + 300,
                   "nonce": nonce, "sub": self.claims["sub"]}
        return jwt.encode(payload, self.signing_key or self.key, algorithm="RS256", headers={"kid": "k1"})


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _json(self, status: int, body: object) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path == "/jwks":
                jwk = json.loads(RSAAlgorithm.to_jwk(provider.key.public_key()))
                jwk.update(kid="k1", alg="RS256", use="sig")
                self._json(200, {"keys": [jwk]})
            elif self.path == "/userinfo":
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                if token in provider.tokens:
                    self._json(200, provider.claims)
                else:
                    self._json(401, {"error": "invalid_token"})
            else:
                self._json(404, {})

        def do_POST(self) -> None:
            form = dict(urllib.parse.parse_qsl(self.rfile.read(int(self.headers["Content-Length"])).decode()))
            code = form.get("code", "")
            secret_ok = form.get("client_secret") == provider.client_secret or self.headers.get("Authorization")
            if self.path != "/token" or code not in provider.codes or not secret_ok:
                self._json(400, {"error": "invalid_grant"})
                return
            nonce = provider.codes.pop(code)
            access = secrets.token_urlsafe(16)
            provider.tokens.add(access)
            self._json(200, {"access_token": access, "token_type": "Bearer", "expires_in": 300,
                             "id_token": provider.id_token(nonce)})

    return Handler


@contextmanager
def running() -> Iterator[Provider]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    provider = Provider(base=f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
