"""The worker's job through the real openai client against the fake OpenAI server:
what completes, what fails and how, what is retried, and that re-runs replace."""

import io
import uuid
import zipfile
from decimal import Decimal

import pytest

from cost_model_service.analysis.submission import enqueue_analysis
from cost_model_service.config import Settings
from tests.fake_openai import FakeOpenAI
from tests.graphql_client import post
from tests.helpers import article, changed, submit, wait_until_finished
from tests.stack import running_stack

# Real processes (uvicorn, arq, subprocesses): not in the fast tier, `pytest -m "not slow"`.
pytestmark = pytest.mark.slow

SPEC = b"""Helical gearbox HG-80
Housing: cast iron EN-GJL-250, shafts: steel 42CrMo4
Net weight: 14.8 kg
"""


def _spec() -> bytes:
    """The gearbox sheet with a unique line: answers are cached by text across tests."""
    return SPEC + f"Drawing no. {uuid.uuid4()}\n".encode()


def _parts_sum(parts: list[dict]) -> Decimal:
    return sum((Decimal(str(p["part"])) for p in parts), Decimal(0))


async def test_openai_analysis_completes_with_weight_model_and_usage(
    llm_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    async with running_stack(llm_settings) as stack:
        article_id = await submit(stack, _spec(), name="Gearbox HG-80")
        status = await wait_until_finished(stack, article_id)
        assert status["processingStatus"] == "COMPLETED", status
        result = await article(stack, article_id)
    assert result["unitWeight"] == pytest.approx(14.8)
    assert result["weightExtraction"]["method"] == "openai"
    assert result["costModelMethod"] == "openai"
    assert _parts_sum(result["costModel"]) == Decimal(100)
    assert "FIXED" in {p["index"]["code"] for p in result["costModel"]}
    usage = result["llmUsage"]
    assert usage["calls"] == 2 and usage["promptTokens"] > 0 and usage["completionTokens"] > 0
    assert len(fake_openai.chat_requests("unit_weight")) == 1
    assert len(fake_openai.chat_requests("cost_model")) == 1


async def test_failed_weight_extraction_still_completes_without_weight(
    llm_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    fake_openai.script("server_error", times=None, schema="unit_weight")
    async with running_stack(llm_settings) as stack:
        article_id = await submit(stack, _spec())
        status = await wait_until_finished(stack, article_id)
        result = await article(stack, article_id)
    assert status["processingStatus"] == "COMPLETED"
    assert result["unitWeight"] is None
    assert result["weightExtraction"] is None
    assert _parts_sum(result["costModel"]) == Decimal(100)


async def test_rejected_key_fails_at_once_with_a_readable_reason(
    llm_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    settings = changed(llm_settings, openai_api_key="rejected-key")
    async with running_stack(settings) as stack:
        article_id = await submit(stack, _spec())
        status = await wait_until_finished(stack, article_id)
        result = await article(stack, article_id)
    assert status["processingStatus"] == "FAILED"
    assert status["processingError"] == "OpenAI rejected the API key: check CMS_OPENAI_API_KEY"
    assert status["processingStage"] == "GENERATING_COST_MODEL"
    assert result["costModel"] == []
    # Permanent: one cost model call, no job retry.
    assert len(fake_openai.chat_requests("cost_model")) == 1


async def test_transient_llm_failure_is_retried_by_the_job(
    llm_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    fake_openai.script("server_error", times=1, schema="cost_model")
    async with running_stack(llm_settings) as stack:
        article_id = await submit(stack, _spec())
        status = await wait_until_finished(stack, article_id)
    assert status["processingStatus"] == "COMPLETED"
    assert len(fake_openai.chat_requests("cost_model")) == 2


async def test_llm_down_ends_failed_after_the_tries(
    llm_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    fake_openai.script("server_error", times=None)
    async with running_stack(llm_settings) as stack:
        article_id = await submit(stack, _spec())
        status = await wait_until_finished(stack, article_id)
    assert status["processingStatus"] == "FAILED"
    tries = llm_settings.job_max_tries
    assert status["processingError"] == (
        f"OpenAI is unavailable (server error 500) (gave up after {tries} tries)"
    )
    # Every try asked for the weight; a transient failure there is retried while tries remain.
    assert len(fake_openai.chat_requests("unit_weight")) == tries


async def test_reanalysis_replaces_the_cost_model_and_double_enqueue_runs_once(
    llm_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    async with running_stack(llm_settings) as stack:
        article_id = await submit(stack, _spec())
        await wait_until_finished(stack, article_id)
        first = await article(stack, article_id)

        # The same attempt enqueued again is the same job: it does not run twice.
        await enqueue_analysis(stack.services.queue, llm_settings, uuid.UUID(article_id), 1)
        body = await post(
            stack.http,
            stack.graphql_url,
            "mutation R($id: ID!) { reanalyzeArticle(id: $id) "
            "{ processingStatus processingStage } }",
            id=article_id,
        )
        assert body["data"]["reanalyzeArticle"] == {
            "processingStatus": "PROCESSING",
            "processingStage": "QUEUED",
        }
        status = await wait_until_finished(stack, article_id)
        second = await article(stack, article_id)
    assert status["processingStatus"] == "COMPLETED"
    assert len(fake_openai.chat_requests("cost_model")) == 2
    assert len(second["costModel"]) == len(first["costModel"])
    assert _parts_sum(second["costModel"]) == Decimal(100)
    assert second["llmUsage"]["calls"] == 4


async def test_unreadable_specification_fails_with_the_reason(settings: Settings) -> None:
    garbage = bytes(range(256)) * 64
    async with running_stack(settings) as stack:
        article_id = await submit(stack, garbage, filename="spec.txt")
        status = await wait_until_finished(stack, article_id)
    assert status["processingStatus"] == "FAILED"
    assert status["processingError"].startswith("could not read productSpecification: ")
    assert status["processingStage"] == "EXTRACTING_TEXT"


async def test_the_same_specification_again_costs_no_llm_call(
    llm_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    spec = _spec()
    async with running_stack(llm_settings) as stack:
        first_id = await submit(stack, spec)
        await wait_until_finished(stack, first_id)
        calls = len(fake_openai.chat_requests())
        assert calls == 2
        second_id = await submit(stack, spec, name="The same article again")
        status = await wait_until_finished(stack, second_id)
        first, second = await article(stack, first_id), await article(stack, second_id)
    assert status["processingStatus"] == "COMPLETED"
    assert len(fake_openai.chat_requests()) == calls  # nothing new reached the model
    assert second["unitWeight"] == first["unitWeight"]
    assert second["costModel"] == first["costModel"]
    assert second["llmUsage"] is None  # no call, no tokens


async def test_a_zip_bomb_named_docx_fails_cleanly(settings: Settings) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (50 * 1024 * 1024))
    async with running_stack(settings) as stack:
        article_id = await submit(
            stack,
            buffer.getvalue(),
            filename="spec.docx",
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        status = await wait_until_finished(stack, article_id)
    assert status["processingStatus"] == "FAILED"
    assert status["processingError"].startswith("could not read productSpecification: ")
    assert "zip bomb" in status["processingError"]
