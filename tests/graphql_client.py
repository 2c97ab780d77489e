"""Minimal GraphQL clients for tests: multipart uploads over HTTP, and both WebSocket
subprotocols, spoken by hand so that the tests check the wire format clients rely on."""

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import websockets

PREFLIGHT = {"Apollo-Require-Preflight": "true"}

ANALYZE = """
mutation Analyze($name: String!, $description: String, $spec: Upload!, $drawing: Upload) {
  analyzeArticle(articleName: $name, description: $description,
                 productSpecification: $spec, drawing: $drawing) {
    id articleName processingStatus processingStage
  }
}
"""

STATUS_FIELDS = """id processingStatus processingStage processingError
  processingStartedAt processingCompletedAt version"""

# The stages a successful analysis goes through, in order, as clients see them.
STAGES = [
    "QUEUED",
    "EXTRACTING_TEXT",
    "EXTRACTING_METADATA",
    "GENERATING_COST_MODEL",
    "SAVING",
    "DONE",
]

SUBSCRIBE_STATUS = f"subscription S($id: ID!) {{ articleStatus(id: $id) {{ {STATUS_FIELDS} }} }}"


async def post(http: httpx.AsyncClient, url: str, query: str, **variables: Any) -> dict:
    response = await http.post(url, json={"query": query, "variables": variables})
    return response.json()


async def upload(
    http: httpx.AsyncClient,
    url: str,
    *,
    name: str,
    spec: tuple[str, bytes, str] | None,
    drawing: tuple[str, bytes, str] | None = None,
    description: str | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """A GraphQL multipart request (the spec Apollo's upload link speaks)."""
    variables = {"name": name, "description": description, "spec": None, "drawing": None}
    files: dict[str, tuple[str, bytes, str]] = {}
    mapping: dict[str, list[str]] = {}
    for key, file in (("spec", spec), ("drawing", drawing)):
        if file is not None:
            files[key] = file
            mapping[key] = [f"variables.{key}"]
    operations = {"query": ANALYZE, "variables": variables}
    headers = PREFLIGHT if headers is None else headers
    if not files:  # as Apollo's upload link does: no file, plain JSON
        return await http.post(url, json=operations, headers=headers)
    data = {"operations": json.dumps(operations), "map": json.dumps(mapping)}
    return await http.post(url, data=data, files=files, headers=headers)


async def subscribe(
    ws_url: str, query: str, variables: dict[str, Any], *, protocol: str = "graphql-transport-ws"
) -> AsyncIterator[dict]:
    """Yields each payload ('data'/'errors') until the server completes the subscription."""
    legacy = protocol == "graphql-ws"
    async with websockets.connect(ws_url, subprotocols=[protocol]) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        ack = json.loads(await ws.recv())
        assert ack["type"] == "connection_ack", ack
        start = "start" if legacy else "subscribe"
        await ws.send(
            json.dumps(
                {"id": "1", "type": start, "payload": {"query": query, "variables": variables}}
            )
        )
        while True:
            message = json.loads(await ws.recv())
            kind = message["type"]
            if kind in ("ka", "ping", "pong"):
                if kind == "ping":
                    await ws.send(json.dumps({"type": "pong"}))
                continue
            if kind in ("next", "data"):
                yield message["payload"]
            elif kind == "error":
                payload = message["payload"]
                yield {"errors": payload if isinstance(payload, list) else [payload]}
                return
            elif kind == "complete":
                return
            else:
                raise AssertionError(f"unexpected message {message}")


async def ws_open(
    ws_url: str, protocol: str = "graphql-transport-ws", init_payload: dict[str, Any] | None = None
) -> Any:
    """A WebSocket past connection_ack (the caller closes it)."""
    ws = await websockets.connect(ws_url, subprotocols=[protocol])
    await ws.send(json.dumps({"type": "connection_init", "payload": init_payload or {}}))
    ack = json.loads(await ws.recv())
    assert ack["type"] == "connection_ack", ack
    return ws


async def ws_operation(
    ws: Any, protocol: str, operation_id: str, query: str, variables: dict[str, Any] | None = None
) -> list[dict]:
    """Runs one operation on an open socket: its payloads ('data'/'errors' dicts) until it
    completes or fails. Keep-alives and messages of other operations are skipped."""
    start = "start" if protocol == "graphql-ws" else "subscribe"
    await ws.send(
        json.dumps(
            {
                "id": operation_id,
                "type": start,
                "payload": {"query": query, "variables": variables or {}},
            }
        )
    )
    payloads: list[dict] = []
    while True:
        message = json.loads(await ws.recv())
        if message.get("id") != operation_id:
            continue
        if message["type"] in ("next", "data"):
            payloads.append(message["payload"])
        elif message["type"] == "error":
            payload = message["payload"]
            payloads.append({"errors": payload if isinstance(payload, list) else [payload]})
            return payloads
        elif message["type"] == "complete":
            return payloads


def error_codes(body: dict) -> list[str]:
    """The `extensions.code` of each error in a GraphQL response, in order."""
    return [error["extensions"]["code"] for error in body.get("errors", [])]


ANALYZE_BATCH = """
mutation Batch($items: [ArticleUploadInput!]!) {
  analyzeArticles(items: $items) {
    id status total pending processing completed failed createdAt completedAt
  }
}
"""

BATCH_FIELDS = "id status total pending processing completed failed completedAt"

SUBSCRIBE_BATCH = f"""subscription B($id: ID!) {{ analysisBatch(id: $id) {{
  batch {{ {BATCH_FIELDS} }} article {{ {STATUS_FIELDS} }} }} }}"""

File = tuple[str, bytes, str]


async def upload_batch(
    http: httpx.AsyncClient,
    url: str,
    items: list[tuple[str, File, File | None]],
    *,
    query: str = ANALYZE_BATCH,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """analyzeArticles as apollo-upload-client sends it: each file a part, mapped to
    variables.items.<n>.productSpecification (or .drawing)."""
    variables: dict[str, Any] = {"items": []}
    files: dict[str, File] = {}
    mapping: dict[str, list[str]] = {}
    for n, (name, spec, drawing) in enumerate(items):
        variables["items"].append(
            {"articleName": name, "productSpecification": None, "drawing": None}
        )
        for field, file in (("productSpecification", spec), ("drawing", drawing)):
            if file is not None:
                part = str(len(files))
                files[part] = file
                mapping[part] = [f"variables.items.{n}.{field}"]
    operations = {"query": query, "variables": variables}
    headers = PREFLIGHT if headers is None else headers
    if not files:  # as Apollo's upload link does: no file, plain JSON
        return await http.post(url, json=operations, headers=headers)
    data = {"operations": json.dumps(operations), "map": json.dumps(mapping)}
    # A list keeps the parts in map order (httpx sends a dict's files in insertion order too).
    return await http.post(url, data=data, files=list(files.items()), headers=headers)
