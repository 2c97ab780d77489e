"""The service's public GraphQL API as any client speaks it: multipart uploads (the GraphQL
multipart request spec) over HTTP with httpx, subscriptions over graphql-transport-ws with
websockets."""

import asyncio
import json
from collections.abc import AsyncIterator, Sequence
from typing import Any

import httpx
import websockets

from cost_model_service.analyze_client.files import Upload

SUBMIT = """mutation AnalyzeArticles($items: [ArticleUploadInput!]!) {
  analyzeArticles(items: $items) {
    id total articles(first: 100) { edges { node { id } } } } }"""

FOLLOW = """subscription Follow($id: ID!) { analysisBatch(id: $id) {
  batch { total pending processing completed failed }
  article { id processingStatus processingStage } } }"""

RESULTS = """query Results($id: ID!, $after: String) { analysisBatch(id: $id) {
  articles(first: 100, after: $after) {
    edges { node { id processingStatus processingError unitWeight
      weightExtraction { evidence } costModel { part index { code } } } }
    pageInfo { hasNextPage endCursor } } } }"""


class ApiError(Exception):
    """A GraphQL error: clients act on `code` (extensions.code) and the extensions that
    come with it, never on the message, which is for people."""

    def __init__(
        self,
        message: str,
        code: str | None = None,
        retry_after: int | None = None,
        max_items: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message, self.code = message, code
        self.retry_after, self.max_items = retry_after, max_items


def _raise_errors(body: Any) -> None:
    if not isinstance(body, dict):
        raise ApiError(f"unexpected answer: {str(body)[:200]}")
    if body.get("errors"):
        error = body["errors"][0]
        extensions = error.get("extensions") or {}
        raise ApiError(
            error.get("message", "error"),
            extensions.get("code"),
            extensions.get("retryAfterSeconds"),
            extensions.get("maxItems"),
        )


class Api:
    def __init__(self, url: str, key: str | None) -> None:
        self.url = url
        self.key = key
        headers = {"Apollo-Require-Preflight": "true"}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        self.http = httpx.AsyncClient(headers=headers, timeout=httpx.Timeout(30, write=300))

    async def close(self) -> None:
        await self.http.aclose()

    async def _answer(self, response: httpx.Response) -> dict[str, Any]:
        try:
            body = response.json()
        except ValueError:
            raise ApiError(f"HTTP {response.status_code}: {response.text[:200]}") from None
        _raise_errors(body)
        data: dict[str, Any] = body["data"]
        return data

    async def query(self, query: str, **variables: Any) -> dict[str, Any]:
        return await self._answer(
            await self.http.post(self.url, json={"query": query, "variables": variables})
        )

    async def submit(self, uploads: Sequence[Upload]) -> tuple[str, list[str]]:
        """One analyzeArticles request; the batch id and its article ids, in upload order."""
        items = [{"articleName": u.name, "productSpecification": None} for u in uploads]
        mapping = {
            str(n): [f"variables.items.{n}.productSpecification"] for n in range(len(uploads))
        }
        files = [(str(n), (u.path.name, u.data, u.content_type)) for n, u in enumerate(uploads)]
        data = {
            "operations": json.dumps({"query": SUBMIT, "variables": {"items": items}}),
            "map": json.dumps(mapping),
        }
        batch = (await self._answer(await self.http.post(self.url, data=data, files=files)))[
            "analyzeArticles"
        ]
        return batch["id"], [edge["node"]["id"] for edge in batch["articles"]["edges"]]

    async def results(self, batch_id: str) -> list[dict[str, Any]]:
        nodes, after = [], None
        while True:
            page = (await self.query(RESULTS, id=batch_id, after=after))["analysisBatch"][
                "articles"
            ]
            nodes += [edge["node"] for edge in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                return nodes
            after = page["pageInfo"]["endCursor"]

    async def follow(self, batch_id: str) -> AsyncIterator[dict[str, Any]]:
        """The analysisBatch subscription's events until the server completes it."""
        ws_url = "ws" + self.url[len("http") :] if self.url.startswith("http") else self.url
        payload = {"authorization": f"Bearer {self.key}"} if self.key else {}
        async with websockets.connect(
            ws_url,
            subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
            max_size=None,
        ) as ws:
            await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
            ack = json.loads(await asyncio.wait_for(ws.recv(), 30))
            if ack.get("type") != "connection_ack":
                raise ApiError(f"the WebSocket was refused: {ack}")
            await ws.send(
                json.dumps(
                    {
                        "id": "1",
                        "type": "subscribe",
                        "payload": {"query": FOLLOW, "variables": {"id": batch_id}},
                    }
                )
            )
            async for raw in ws:
                message = json.loads(raw)
                kind = message.get("type")
                if kind == "ping":
                    await ws.send(json.dumps({"type": "pong"}))
                elif kind == "next":
                    _raise_errors(message["payload"])
                    yield message["payload"]["data"]["analysisBatch"]
                elif kind == "error":
                    _raise_errors({"errors": message["payload"]})
                elif kind == "complete":
                    return
