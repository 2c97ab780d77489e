"""Fuzzing the running GraphQL endpoint with schemathesis: queries and mutations generated
from the published schema.graphql, valid ones and invalid ones, sent over real HTTP to the
real app. No answer may be a 5xx, an INTERNAL_SERVER_ERROR, an error without a code, or
carry a traceback or an object's repr.

Bounded so that it fits in every run: CMS_FUZZ_EXAMPLES (default 300) cases, and it stops
generating after CMS_FUZZ_SECONDS (default 25). Derandomized, so a CI failure reproduces;
raise the count for a deeper local run. Only the loopback server the test starts is hit.
"""

import asyncio
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.generation import GenerationMode
from schemathesis.graphql import nodes

from cost_model_service.config import Settings
from tests.graphql_client import ANALYZE, PREFLIGHT
from tests.stack import running_stack

# Real processes (uvicorn, arq, subprocesses): not in the fast tier, `pytest -m "not slow"`.
pytestmark = pytest.mark.slow

SCHEMA = Path(__file__).parents[2] / "schema.graphql"
EXAMPLES = int(os.environ.get("CMS_FUZZ_EXAMPLES", "300"))
SECONDS = float(os.environ.get("CMS_FUZZ_SECONDS", "25"))
LEAKS = ("Traceback", 'File "', "object at 0x", "sqlalchemy", "asyncpg", "redis.")

# Uploads cannot travel in a JSON body; as literals they must still be refused cleanly.
schemathesis.graphql.scalar("Upload", st.text(max_size=20).map(nodes.String))
# Decimals travel as strings: well-formed ones (NaN, 1E+999999 included) and junk.
schemathesis.graphql.scalar(
    "Decimal", st.one_of(st.decimals().map(str), st.text(max_size=12)).map(nodes.String)
)


@dataclass
class Report:
    sent: int = 0
    codes: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _check(query: object, response: requests.Response | httpx.Response, report: Report) -> None:
    report.sent += 1
    where = f"{response.status_code} for {query!r}: {response.text[:500]}"
    if response.status_code >= 500 or any(leak in response.text for leak in LEAKS):
        report.problems.append(where)
        return
    try:
        errors = response.json().get("errors") or []
    except (ValueError, AttributeError):
        report.problems.append(f"not a GraphQL JSON object: {where}")
        return
    for error in errors:
        code = (error.get("extensions") or {}).get("code")
        report.codes[str(code)] = report.codes.get(str(code), 0) + 1
        if code in (None, "INTERNAL_SERVER_ERROR"):
            report.problems.append(where)


def fuzz(graphql_url: str) -> Report:
    """Blocking (schemathesis calls through requests): run it in a thread."""
    schema = schemathesis.graphql.from_path(SCHEMA)
    cases = st.one_of(
        schema.as_strategy(GenerationMode.POSITIVE), schema.as_strategy(GenerationMode.NEGATIVE)
    )
    report = Report()
    stop_at = time.monotonic() + SECONDS

    with requests.Session() as session:

        @hypothesis_settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=cases)
        def run(case: schemathesis.Case) -> None:
            if time.monotonic() > stop_at:
                return
            response = case.call(base_url=graphql_url, session=session, timeout=10)
            _check(case.body, response, report)

        run()
    return report


async def test_fuzzing_the_endpoint_finds_no_server_error(settings: Settings) -> None:
    async with running_stack(settings, worker=False) as stack:
        started = time.monotonic()
        report = await asyncio.to_thread(fuzz, stack.graphql_url)
        elapsed = time.monotonic() - started
    print(
        f"\nfuzz: {report.sent} requests in {elapsed:.1f} s; error codes "
        f"{json.dumps(report.codes, sort_keys=True)}"
    )
    assert not report.problems, "\n".join(report.problems[:10])
    assert report.sent >= min(EXAMPLES, 20)  # it did fuzz, not skip
    assert "GRAPHQL_VALIDATION_FAILED" in report.codes  # negative cases reached the server


# schemathesis speaks JSON only; the multipart upload path (operations + map + files) is
# where strawberry trusted the request's shape, so it gets its own generated requests.
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
_paths = st.sampled_from(
    [
        "variables.spec",
        "variables.drawing",
        "variables.name",
        "variables.name.x",
        "variables.spec.0",
        "variables",
        "query",
        "0.variables.spec",
        "variables.nope",
        "",
        ".",
    ]
)
_variables = st.dictionaries(
    st.sampled_from(["name", "spec", "drawing", "description"]), _json, max_size=4
)
_operations = st.one_of(
    st.builds(lambda v: {"query": ANALYZE, "variables": v}, _variables),
    st.builds(lambda v: [{"query": ANALYZE, "variables": v}], _variables),
    _json,
)
_files_map = st.one_of(
    st.dictionaries(
        st.sampled_from(["0", "1", "2", "x"]), st.lists(_paths, max_size=3), max_size=4
    ),
    _json,
)


def fuzz_multipart(graphql_url: str, examples: int) -> Report:
    report = Report()
    stop_at = time.monotonic() + SECONDS

    with httpx.Client(timeout=10, headers=PREFLIGHT) as client:

        @hypothesis_settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(operations=_operations, files_map=_files_map, files=st.integers(0, 3))
        def run(operations: object, files_map: object, files: int) -> None:
            if time.monotonic() > stop_at:
                return
            # A None filename makes a plain field: multipart even without any file.
            parts = [
                ("operations", (None, json.dumps(operations))),
                ("map", (None, json.dumps(files_map))),
            ]
            parts += [
                (str(n), (f"{n}.txt", b"Net weight: 1 kg", "text/plain")) for n in range(files)
            ]
            response = client.post(graphql_url, files=parts)
            _check((operations, files_map, files), response, report)

        run()
    return report


async def test_fuzzing_multipart_uploads_finds_no_server_error(settings: Settings) -> None:
    async with running_stack(settings, worker=False) as stack:
        started = time.monotonic()
        report = await asyncio.to_thread(fuzz_multipart, stack.graphql_url, EXAMPLES // 2)
        elapsed = time.monotonic() - started
    print(
        f"\nmultipart fuzz: {report.sent} requests in {elapsed:.1f} s; error codes "
        f"{json.dumps(report.codes, sort_keys=True)}"
    )
    assert not report.problems, "\n".join(report.problems[:10])
    assert "BAD_REQUEST" in report.codes and "BAD_USER_INPUT" in report.codes
