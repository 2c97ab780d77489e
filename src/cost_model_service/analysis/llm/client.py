"""One structured-output chat completion, with OpenAI's errors turned into AnalysisErrors.

Retries of rate limits, 5xx, timeouts and connection errors are left to the openai
client (exponential backoff with jitter, honours Retry-After); what reaches us here has
exhausted them.
"""

import asyncio
from dataclasses import dataclass

import openai
from openai.types.chat import ChatCompletionMessageParam
from openai.types.shared_params import ResponseFormatJSONSchema

from cost_model_service.analysis.base import AnalysisError, LLMUsage
from cost_model_service.observability import metrics


@dataclass
class Completion:
    content: str | None
    refusal: str | None
    truncated: bool  # finish_reason "length": the JSON is cut off
    usage: LLMUsage


class ChatClient:
    def __init__(
        self,
        *,
        api_key: str | None,
        model: str,
        base_url: str | None,
        timeout: float,
        max_retries: int,
    ) -> None:
        self.model = model
        self.timeout = timeout
        self._api_key = api_key
        self._base_url = base_url
        self._max_retries = max_retries
        # The HTTP connection pool belongs to one event loop; a client is made per loop so
        # an analyzer built once can serve tests or workers that run several loops.
        self._clients: dict[asyncio.AbstractEventLoop, openai.AsyncOpenAI] = {}

    def _client(self) -> openai.AsyncOpenAI:
        if not self._api_key:
            raise AnalysisError("no OpenAI API key is configured: set CMS_OPENAI_API_KEY")
        loop = asyncio.get_running_loop()
        if loop not in self._clients:
            self._clients = {lp: c for lp, c in self._clients.items() if not lp.is_closed()}
            self._clients[loop] = openai.AsyncOpenAI(
                api_key=self._api_key,
                base_url=self._base_url,
                timeout=self.timeout,
                max_retries=self._max_retries,
            )
        return self._clients[loop]

    async def aclose(self) -> None:
        client = self._clients.pop(asyncio.get_running_loop(), None)
        if client is not None:
            await client.close()

    async def complete(
        self,
        messages: list[ChatCompletionMessageParam],
        response_format: ResponseFormatJSONSchema,
    ) -> Completion:
        try:
            response = await self._client().chat.completions.create(
                model=self.model, messages=messages, response_format=response_format
            )
        except openai.OpenAIError as error:
            metrics.llm_call(self.model, ok=False)
            raise self._mapped(error) from error
        usage = LLMUsage(model=self.model, calls=1)
        if response.usage is not None:
            usage.prompt_tokens = response.usage.prompt_tokens
            usage.completion_tokens = response.usage.completion_tokens
        metrics.llm_call(
            self.model,
            ok=True,
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens,
        )
        if not response.choices:
            return Completion(None, None, False, usage)
        choice = response.choices[0]
        return Completion(
            content=choice.message.content,
            refusal=choice.message.refusal,
            truncated=choice.finish_reason == "length",
            usage=usage,
        )

    def _mapped(self, error: openai.OpenAIError) -> AnalysisError:
        """A message a buyer can read (and an admin can act on) for each failure."""
        if isinstance(error, openai.AuthenticationError):
            return AnalysisError("OpenAI rejected the API key: check CMS_OPENAI_API_KEY")
        if isinstance(error, openai.NotFoundError):
            if error.code == "model_not_found" or "model" in _server_message(error).lower():
                return AnalysisError(
                    f"OpenAI does not know the model '{self.model}': check CMS_OPENAI_MODEL"
                )
            # No model complaint: most likely the URL itself is wrong.
            return AnalysisError(
                f"OpenAI answered 404 for {error.request.url}: check CMS_OPENAI_BASE_URL"
            )
        if isinstance(error, openai.RateLimitError) and error.code == "insufficient_quota":
            # Also a 429, but waiting does not help: the account is out of credit.
            return AnalysisError("OpenAI refused the request: the account's quota is exhausted")
        reason = _transient_reason(error, self.timeout)
        if reason:
            return AnalysisError(f"OpenAI is unavailable ({reason})", transient=True)
        if isinstance(error, openai.BadRequestError):
            return AnalysisError(f"OpenAI rejected the request: {_server_message(error)}")
        if isinstance(error, openai.PermissionDeniedError):
            return AnalysisError(f"OpenAI denied access: {_server_message(error)}")
        if isinstance(error, openai.APIStatusError):
            return AnalysisError(
                f"OpenAI failed (HTTP {error.status_code}): {_server_message(error)}"
            )
        return AnalysisError(f"OpenAI call failed: {error}")


def _transient_reason(error: openai.OpenAIError, timeout: float) -> str | None:
    if isinstance(error, openai.RateLimitError):
        return "rate limited"
    if isinstance(error, openai.InternalServerError):
        return f"server error {error.status_code}"
    if isinstance(error, openai.APITimeoutError):  # before APIConnectionError: a subclass
        return f"no answer within {timeout:g} s"
    if isinstance(error, openai.APIConnectionError):
        return "cannot connect"
    if isinstance(error, openai.ConflictError):  # 409: OpenAI retries these as well
        return "conflict"
    return None


def _server_message(error: openai.APIError) -> str:
    body = error.body
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        return str(body["message"])
    return error.message
