FROM python:3.12-slim
# OpenCV (pulled in by the OCR extra) needs these shared libraries.
RUN apt-get update && apt-get install -y --no-install-recommends libgl1 libglib2.0-0 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=ghcr.io/astral-sh/uv:latest /uv /usr/local/bin/uv
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
COPY src ./src
COPY migrations ./migrations
COPY alembic.ini schema.graphql ./
RUN uv sync --locked --no-dev --extra ocr
ENV PATH="/app/.venv/bin:$PATH"
EXPOSE 8000
CMD ["cms", "api"]
