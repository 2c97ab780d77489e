"""A fake OpenAI-compatible chat completions server, for tests and for trying the service
without OpenAI.

In-process:

    with FakeOpenAI() as fake:              # uvicorn on 127.0.0.1, a free port, own thread
        fake.script("rate_limit", times=2, retry_after=0.05)
        ...AsyncOpenAI(base_url=fake.base_url, api_key="k")...
        fake.chat_requests("cost_model")    # recorded bodies of those calls

By hand:  uv run python tests/fake_openai.py --port 8099 --latency 0.5
and script it over HTTP (same rules as `script`):

    POST /_control {"reset": true}          # rules, latency and request log cleared
    POST /_control {"latency": 0.2}
    POST /_control {"rules": [{"kind": "server_error", "times": 1, "schema": "cost_model"}]}
    GET  /_requests                         # [{"path", "headers", "body"}, ...]

By default it answers like a tiny model (`answer_unit_weight`, `answer_cost_model`). Rules
apply to the next `times` chat calls they match (times None/null: for ever); `schema`
limits a rule to calls whose json_schema name is that; the first live rule wins:

    rate_limit      429 with Retry-After: <retry_after, default 1>; <code> (rate_limit_exceeded)
    server_error    500
    hang            no answer for <seconds, default 30> or until the client hangs up
    malformed_json  answer content that is not JSON
    unknown_codes   cost_model answer with a code outside the enum (UNOBTAINIUM)
    bad_sum         cost_model answer whose parts sum to 120
    content         answer <content> verbatim (a string, or an object sent as JSON)
    invalid_key     401 invalid_api_key
    unknown_model   404 model_not_found
    bad_request     400 with <message>

"Authorization: Bearer rejected-key" always gets 401.
"""

import argparse
import asyncio
import json
import math
import re
import threading
import time
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

Json = dict[str, Any]
REJECTED_KEY = "rejected-key"
KINDS = {"rate_limit", "server_error", "hang", "malformed_json", "unknown_codes", "bad_sum"}
KINDS |= {"content", "invalid_key", "unknown_model", "bad_request"}
NOT_MATERIAL = {"FIXED", "LABOUR", "ELECTRICITY", "NATURAL_GAS", "FREIGHT", "ENERGY"}


# --- the tiny "model" ------------------------------------------------------------------

_SPEC = re.compile(r"<specification>(.*?)</specification>", re.DOTALL)
_GRAMS = {"kg": 1000.0, "g": 1.0, "mg": 0.001, "t": 1e6, "lb": 453.59237, "lbs": 453.59237}
_WEIGHT = re.compile(
    r"(?:weigh\w*|mass|gewicht|poids|peso)\b[^\n\d]{0,40}?(\d+(?:[.,]\d+)?)\s*(kg|mg|g|t|lbs?)\b",
    re.IGNORECASE,
)


def text_of(content: object) -> str:
    """A message's text: a string, or the text parts of a list of content parts."""
    if isinstance(content, list):
        return "\n".join(p.get("text", "") for p in content if p.get("type") == "text")
    return str(content or "")


def images_of(message: Json) -> list[str]:
    """The image URLs (data: URLs) a message carries, for vision requests."""
    content = message.get("content")
    if not isinstance(content, list):
        return []
    return [p["image_url"]["url"] for p in content if p.get("type") == "image_url"]


def spec_text(messages: list[Json]) -> str:
    """The delimited spec of the first user message (the data, not the instructions)."""
    for message in messages:
        if message.get("role") == "user":
            text = text_of(message.get("content"))
            found = _SPEC.search(text)
            return found.group(1) if found else text
    return ""


def answer_unit_weight(spec: str) -> Json:
    found = _WEIGHT.search(spec)
    if not found:
        return {"weight_grams": None, "evidence": "", "unit_as_written": None}
    number, unit = found.group(1).replace(",", "."), found.group(2).lower()
    line = spec[spec.rfind("\n", 0, found.start()) + 1 : found.end()].strip()
    grams = round(float(number) * _GRAMS[unit], 6)
    return {"weight_grams": grams, "evidence": line, "unit_as_written": found.group(2)}


def answer_cost_model(spec: str, codes: list[str]) -> Json:
    """FIXED 15, LABOUR 25, ELECTRICITY 5, FREIGHT 5 (those in the enum), the rest split over
    the materials named in the spec (or the first material-looking code)."""
    plan = {"FIXED": 15.0, "LABOUR": 25.0, "ELECTRICITY": 5.0, "FREIGHT": 5.0}
    parts = {code: share for code, share in plan.items() if code in codes}
    candidates = [c for c in codes if c not in NOT_MATERIAL]
    named = [c for c in candidates if c.replace("_", " ").lower() in spec.lower()]
    materials = named or candidates[:1] or [next(iter(parts), codes[0])]
    rest = 100 - sum(parts.values()) + sum(parts.get(code, 0) for code in materials)
    for n, code in enumerate(materials):
        share = math.floor(rest / len(materials) * 100) / 100
        parts[code] = round(rest - share * (len(materials) - 1), 2) if n == 0 else share
    return {
        "parts": [
            {"code": code, "part": part, "rationale": f"fake: {code.lower()} share"}
            for code, part in parts.items()
        ]
    }


def completion(body: Json, content: str) -> Json:
    """A chat.completion in OpenAI's format; tokens: ceil(characters / 4) + 85 an image."""
    messages = body.get("messages", [])
    prompt_chars = sum(len(text_of(m.get("content"))) for m in messages)
    # Images at OpenAI's flat low-detail price, whatever their size.
    images = sum(len(images_of(m)) for m in messages)
    prompt, answer = math.ceil(prompt_chars / 4) + 85 * images, math.ceil(len(content) / 4)
    return {
        "id": f"chatcmpl-fake{time.monotonic_ns()}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "fake"),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": None},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": answer,
            "total_tokens": prompt + answer,
        },
    }


def _content(body: Json, schema_name: str | None, rule: Json | None) -> str:
    kind = rule["kind"] if rule else None
    if rule and kind == "content":
        content = rule.get("content", "")
        return content if isinstance(content, str) else json.dumps(content)
    if kind == "malformed_json":
        return '{"parts": [{"code": "FIXED", "part": 15, "rationale": "overh'
    spec = spec_text(body["messages"])
    if schema_name == "unit_weight":
        return json.dumps(answer_unit_weight(spec))
    if schema_name == "cost_model":
        schema = body["response_format"]["json_schema"]["schema"]
        answer = answer_cost_model(
            spec, schema["properties"]["parts"]["items"]["properties"]["code"]["enum"]
        )
        if kind == "unknown_codes":
            answer["parts"][-1]["code"] = "UNOBTAINIUM"
        if kind == "bad_sum":
            for part in answer["parts"]:
                part["part"] = round(part["part"] * 1.2, 2)
        return json.dumps(answer)
    return "This is a fake OpenAI server."


# --- the HTTP server ---------------------------------------------------------------------


class FakeState:
    """Rules, latency and the request log, shared by the server thread and the test."""

    def __init__(self, latency: float = 0.0) -> None:
        self.lock = threading.Lock()
        self.latency = latency
        self.rules: list[Json] = []
        self.requests: list[Json] = []
        self.stopping = threading.Event()

    def add_rule(
        self, kind: str, times: int | None = 1, schema: str | None = None, **params: Any
    ) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown rule kind {kind!r}; known: {sorted(KINDS)}")
        with self.lock:
            self.rules.append({"kind": kind, "times": times, "schema": schema, **params})

    def take_rule(self, schema: str | None) -> Json | None:
        with self.lock:
            for rule in self.rules:
                if rule["schema"] in (None, schema) and rule["times"] != 0:
                    if rule["times"] is not None:
                        rule["times"] -= 1
                    return dict(rule)
        return None

    def reset(self) -> None:
        with self.lock:
            self.rules.clear()
            self.requests.clear()
            self.latency = 0.0

    def control(self, body: Json) -> Json:
        if body.get("reset"):
            self.reset()
        if "latency" in body:
            self.latency = float(body["latency"])
        for rule in body.get("rules", []):
            self.add_rule(**rule)
        with self.lock:
            return {"latency": self.latency, "rules": [dict(r) for r in self.rules]}


def _error(
    status: int, message: str, code: str | None, headers: dict[str, str] | None = None
) -> Response:
    kind = "server_error" if status >= 500 else "invalid_request_error"
    body = {"error": {"message": message, "type": kind, "param": None, "code": code}}
    return JSONResponse(body, status_code=status, headers=headers)


async def _failure(request: Request, state: FakeState, body: Json, rule: Json) -> Response | None:
    """The scripted HTTP failure for `rule`, or None when the call should be answered."""
    kind = rule["kind"]
    if kind == "rate_limit":
        headers = {"retry-after": str(rule.get("retry_after", 1))}
        return _error(429, "Rate limit reached.", rule.get("code", "rate_limit_exceeded"), headers)
    if kind == "server_error":
        return _error(500, "The server had an error while processing your request.", None)
    if kind == "invalid_key":
        return _error(401, "Incorrect API key provided.", "invalid_api_key")
    if kind == "unknown_model":
        message = f"The model `{body['model']}` does not exist or you do not have access to it."
        return _error(404, message, "model_not_found")
    if kind == "bad_request":
        return _error(400, rule.get("message", "Invalid request."), None)
    if kind == "hang":
        deadline = time.monotonic() + float(rule.get("seconds", 30))
        while time.monotonic() < deadline and not state.stopping.is_set():
            if await request.is_disconnected():
                return Response(status_code=499)
            await asyncio.sleep(0.02)
    return None


def build_app(state: FakeState) -> Starlette:
    async def chat(request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            body = None
        with state.lock:
            state.requests.append(
                {"path": request.url.path, "headers": dict(request.headers), "body": body}
            )
        if state.latency:
            await asyncio.sleep(state.latency)
        if request.headers.get("authorization") == f"Bearer {REJECTED_KEY}":
            return _error(401, "Incorrect API key provided: rejecte*-key.", "invalid_api_key")
        if not isinstance(body, dict) or "model" not in body or "messages" not in body:
            return _error(400, "'model' and 'messages' are required.", None)
        schema_name = ((body.get("response_format") or {}).get("json_schema") or {}).get("name")
        rule = state.take_rule(schema_name)
        failure = await _failure(request, state, body, rule) if rule else None
        return failure or JSONResponse(completion(body, _content(body, schema_name, rule)))

    async def models(request: Request) -> Response:
        model = {"id": "gpt-4o-mini", "object": "model", "created": 0, "owned_by": "fake"}
        return JSONResponse({"object": "list", "data": [model]})

    async def control(request: Request) -> Response:
        try:
            return JSONResponse(state.control(await request.json()))
        except (ValueError, TypeError) as error:
            return JSONResponse({"error": str(error)}, status_code=400)

    async def recorded(request: Request) -> Response:
        with state.lock:
            return JSONResponse(list(state.requests))

    return Starlette(
        routes=[
            Route("/v1/chat/completions", chat, methods=["POST"]),
            Route("/v1/models", models, methods=["GET"]),
            Route("/_control", control, methods=["POST"]),
            Route("/_requests", recorded, methods=["GET"]),
        ]
    )


class FakeOpenAI:
    """The fake server in a background thread of this process."""

    def __init__(self, *, latency: float = 0.0, host: str = "127.0.0.1", port: int = 0) -> None:
        self.state = FakeState(latency)
        config = uvicorn.Config(
            build_app(self.state), host=host, port=port, log_level="warning", lifespan="off"
        )
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None
        self.host = host
        self.port = port

    def start(self) -> "FakeOpenAI":
        self._thread = threading.Thread(target=self._server.run, name="fake-openai", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the fake OpenAI server did not start")
            time.sleep(0.01)
        self.port = self._server.servers[0].sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        self.state.stopping.set()  # ends hanging handlers
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)

    def __enter__(self) -> "FakeOpenAI":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    @property
    def requests(self) -> list[Json]:
        """Every call to /v1/... so far: {"path", "headers", "body"}, oldest first."""
        with self.state.lock:
            return list(self.state.requests)

    def chat_requests(self, schema: str | None = None) -> list[Json]:
        """Bodies of the chat completion calls (only those with json_schema name `schema`)."""
        bodies = [r["body"] for r in self.requests if r["path"] == "/v1/chat/completions"]
        if schema is None:
            return bodies
        return [
            b
            for b in bodies
            if ((b or {}).get("response_format") or {}).get("json_schema", {}).get("name") == schema
        ]

    def script(
        self, kind: str, *, times: int | None = 1, schema: str | None = None, **params: Any
    ) -> None:
        """Fail (or answer specially) the next `times` matching calls; see the module doc."""
        self.state.add_rule(kind, times, schema, **params)

    def set_latency(self, seconds: float) -> None:
        self.state.latency = seconds

    def reset(self) -> None:
        """No rules, no latency, an empty request log."""
        self.state.reset()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="A fake OpenAI chat completions server.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    args = parser.parse_args(argv)
    uvicorn.run(build_app(FakeState(args.latency)), host=args.host, port=args.port, lifespan="off")


if __name__ == "__main__":
    main()
