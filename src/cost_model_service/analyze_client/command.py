"""`cms analyze PATH... --url URL [--key KEY] [--out FILE] [--name-from filename|title]`."""

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cost_model_service.analyze_client import output
from cost_model_service.analyze_client.api import Api, ApiError
from cost_model_service.analyze_client.display import Display
from cost_model_service.analyze_client.files import Upload, collect
from cost_model_service.config import Settings

MAX_IDS_PER_ANSWER = 100  # analyzeArticles lists at most one page of its articles
RATE_LIMIT_TRIES = 3


def add_parser(
    sub: "argparse._SubParsersAction[argparse.ArgumentParser]",
) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "analyze",
        help="upload files (directories recursively) for "
        "analysis through the GraphQL API, follow them, write the results",
    )
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="files or directories (searched recursively)",
    )
    parser.add_argument(
        "--url",
        required=True,
        help="the API's GraphQL endpoint, e.g. http://127.0.0.1:8000/graphql",
    )
    parser.add_argument("--key", help="an API key (cms api-key create), when the API needs one")
    parser.add_argument(
        "--out", type=Path, help="results.jsonl or results.csv (default: JSON lines on stdout)"
    )
    parser.add_argument(
        "--name-from",
        choices=["filename", "title"],
        default="filename",
        help="article names from file names (default) or the document's title",
    )
    return parser


class Run:
    """What a run has sent, so that an interrupted one can say where its results are."""

    def __init__(self, api: Api, settings: Settings) -> None:
        self.api = api
        self.size = min(settings.batch_max_items, MAX_IDS_PER_ANSWER)
        self.batches: list[tuple[str, list[tuple[str, Upload]]]] = []

    async def submit(self, uploads: Sequence[Upload], display: Display) -> None:
        pending = [list(uploads[n : n + self.size]) for n in range(0, len(uploads), self.size)]
        for chunk in pending:
            await self._submit_chunk(chunk, display)

    async def _submit_chunk(self, chunk: list[Upload], display: Display) -> None:
        """A batch larger than the server takes in one request (an error with
        extensions.maxItems: its CMS_BATCH_MAX_ITEMS, or more than its rate limit admits
        at once) is sent again in requests of that size; a rate-limited one waits as long
        as the server says, a few times."""
        for attempt in range(RATE_LIMIT_TRIES):
            try:
                batch_id, ids = await self.api.submit(chunk)
                break
            except ApiError as error:
                size = error.max_items
                if isinstance(size, int) and 0 < size < len(chunk):
                    for n in range(0, len(chunk), size):
                        await self._submit_chunk(chunk[n : n + size], display)
                    return
                if error.code != "RATE_LIMITED" or attempt == RATE_LIMIT_TRIES - 1:
                    raise
                wait = error.retry_after or 10
                display.note(f"rate limited: waiting {wait} s ({error.message})")
                await asyncio.sleep(wait)
        self.batches.append((batch_id, list(zip(ids, chunk, strict=True))))
        display.note(f"batch {batch_id}: {len(chunk)} files sent")

    async def follow(self, display: Display) -> None:
        async def one(batch_id: str, names: dict[str, str]) -> None:
            async for event in self.api.follow(batch_id):
                article = event.get("article")
                name = names.get(article["id"]) if article else None
                display.update(batch_id, event["batch"], name, article)

        await asyncio.gather(
            *(one(batch_id, {a: str(u.path) for a, u in pairs}) for batch_id, pairs in self.batches)
        )

    async def rows(self) -> list[dict[str, Any]]:
        rows = []
        for batch_id, pairs in self.batches:
            nodes = {node["id"]: node for node in await self.api.results(batch_id)}
            rows += [
                output.row(str(upload.path), nodes[article_id])
                for article_id, upload in pairs
                if article_id in nodes
            ]
        return rows

    def how_to_fetch_later(self) -> str:
        ids = ", ".join(batch_id for batch_id, _ in self.batches) or "(none sent yet)"
        return (
            "stopped following; the analyses already sent go on on the server.\n"
            f"batches: {ids}\n"
            "fetch their results later with the analysisBatch query, e.g.\n"
            f"  curl -s {self.api.url} -H 'Content-Type: application/json' "
            + (f"-H 'Authorization: Bearer {self.api.key}' " if self.api.key else "")
            + '-d \'{"query": "{ analysisBatch(id: \\"<batch id>\\") { status completed '
            "failed articles(first: 100) { edges { node { id articleName processingStatus "
            "unitWeight } } } } }\"}'"
        )


async def _run(settings: Settings, args: argparse.Namespace, run_holder: list[Run]) -> int:
    uploads = collect(args.paths, name_from=args.name_from, max_bytes=settings.max_upload_bytes)
    if not uploads:
        print("cms analyze: no file to upload", file=sys.stderr)
        return 1
    api = Api(args.url, args.key)
    run = Run(api, settings)
    run_holder.append(run)
    try:
        with Display(len(uploads)) as display:
            await run.submit(uploads, display)
            await run.follow(display)
        rows = await run.rows()
    except (ApiError, OSError) as error:
        message = error.message if isinstance(error, ApiError) else str(error)
        print(f"cms analyze: {message}", file=sys.stderr)
        if run.batches:
            print(run.how_to_fetch_later(), file=sys.stderr)
        return 1
    finally:
        await api.close()
    output.write(rows, args.out)
    failed = sum(row["status"] == "FAILED" for row in rows)
    print(
        f"cms analyze: {len(rows)} articles, {len(rows) - failed} completed, {failed} failed"
        + (f"; results in {args.out}" if args.out else ""),
        file=sys.stderr,
    )
    return 0


def run(settings: Settings, args: argparse.Namespace) -> int:
    logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per request otherwise
    holder: list[Run] = []
    try:
        return asyncio.run(_run(settings, args, holder))
    except KeyboardInterrupt:
        print("\n" + (holder[0].how_to_fetch_later() if holder else "stopped"), file=sys.stderr)
        return 130
