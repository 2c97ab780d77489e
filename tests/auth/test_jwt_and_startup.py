"""JWT bearer tokens (HS256 secret or a JWKS file) map to tenants; production refuses to
start open."""

import json
import time
import uuid
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from cost_model_service.app import create_app
from cost_model_service.auth.startup import InsecureConfiguration
from cost_model_service.config import Settings
from tests.helpers import changed
from tests.stack import running_stack

QUERY = "{ articles(first: 5) { edges { node { id } } } }"


def token(key: object, algorithm: str, **claims: object) -> str:
    base = {"exp": int(time.time()) + 300, "aud": "cms", "iss": "https://idp.test"}
    headers = {"kid": "k1"} if algorithm == "RS256" else None
    return jwt.encode({**base, **claims}, key, algorithm=algorithm, headers=headers)  # type: ignore[arg-type]


async def ask(stack, bearer: str) -> dict:
    response = await stack.http.post(
        stack.graphql_url, json={"query": QUERY}, headers={"Authorization": f"Bearer {bearer}"}
    )
    return response.json()


def codes(body: dict) -> list[str]:
    return [e["extensions"]["code"] for e in body.get("errors", [])]


@pytest.mark.slow
async def test_hs256_tokens_act_for_the_tenant_in_their_claim(settings: Settings) -> None:
    secret = "s" * 32
    secured = changed(
        settings,
        auth_required=True,
        jwt_secret=secret,
        jwt_audience="cms",
        jwt_issuer="https://idp.test",
        jwt_tenant_claim="org",
    )
    tenant = f"org-{uuid.uuid4().hex[:6]}"
    async with running_stack(secured, worker=False) as stack:
        assert "errors" not in await ask(stack, token(secret, "HS256", org=tenant))
        expired = token(secret, "HS256", org=tenant, exp=int(time.time()) - 3600)
        assert codes(await ask(stack, expired)) == ["UNAUTHENTICATED"]
        assert codes(await ask(stack, token(secret, "HS256", org=tenant, aud="other"))) == [
            "UNAUTHENTICATED"
        ]
        assert codes(await ask(stack, token("x" * 32, "HS256", org=tenant))) == ["UNAUTHENTICATED"]
        no_claim = await ask(stack, token(secret, "HS256"))
        assert "'org' claim" in no_claim["errors"][0]["message"]


@pytest.mark.slow
async def test_rs256_tokens_verified_against_a_jwks_file(
    settings: Settings, tmp_path: Path
) -> None:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(private.public_key()))
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps({"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "RS256"}]}))
    secured = changed(settings, auth_required=True, jwt_jwks=str(jwks), jwt_audience="cms")
    async with running_stack(secured, worker=False) as stack:
        assert "errors" not in await ask(stack, token(private, "RS256", tenant="rsa-co"))
        other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        assert codes(await ask(stack, token(other, "RS256", tenant="rsa-co"))) == [
            "UNAUTHENTICATED"
        ]


def test_production_refuses_to_start_open(settings: Settings) -> None:
    with pytest.raises(InsecureConfiguration):
        create_app(changed(settings, environment="production", auth_required=False))
    assert changed(settings, environment="production").requires_auth
    assert not changed(settings, environment="development").requires_auth
