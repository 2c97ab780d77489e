# cost-model-service: one image for `cms api`, `cms worker` and `cms migrate`.
#   docker build -t cost-model-service .                   # without OCR
#   docker build -t cost-model-service:ocr --build-arg OCR=1 .   # with the OCR extra
# Python matches .python-version and uv is pinned (tests/deploy checks both).
FROM python:3.11-slim-bookworm

# OCR=1 adds the `ocr` extra (rapidocr, onnxruntime and OpenCV, which needs libGL).
ARG OCR=0
RUN if [ "$OCR" = "1" ]; then \
      apt-get update && apt-get install -y --no-install-recommends libgl1 libglib2.0-0 \
      && rm -rf /var/lib/apt/lists/*; \
    fi

COPY --from=ghcr.io/astral-sh/uv:0.13.9 /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    PYTHONUNBUFFERED=1

WORKDIR /app
# The dependencies first, in a layer of their own: a change to the source rebuilds only
# the small layer below.
COPY pyproject.toml uv.lock ./
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --locked --no-dev --no-install-project $([ "$OCR" = "1" ] && echo --extra ocr)

COPY README.md alembic.ini schema.graphql ./
COPY migrations ./migrations
COPY src ./src
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --locked --no-dev $([ "$OCR" = "1" ] && echo --extra ocr) \
    && python -m compileall -q src  # the user below cannot write __pycache__

# Never root. The service writes nothing under /app; uploads are spooled to /tmp.
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin cms
USER 10001

ENV PATH="/app/.venv/bin:$PATH" \
    CMS_ENVIRONMENT=production \
    CMS_HOST=0.0.0.0 \
    CMS_PORT=8000
EXPOSE 8000
# Liveness of `cms api` (workers override it: compose.yaml, deploy/kubernetes/).
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('CMS_PORT', '8000') + '/health', timeout=2)"]
CMD ["cms", "api"]
