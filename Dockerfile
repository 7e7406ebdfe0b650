# The assistant's chat page, /ask API, OpenAI-compatible API and MCP server: `qa chat` on port 7860 of every address,
# behind QA_AUTH (the page's USER:PASS, required) and QA_API_KEY (the key of /v1 and /mcp). compose.yaml runs two
# replicas of it with the catalog in PostgreSQL and the vectors on a Chroma server (docs/deployment.md).
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    ANONYMIZED_TELEMETRY=False \
    GRADIO_ANALYTICS_ENABLED=False

# torch first, with README's pin, from PyTorch's CPU index: a loose requirement would pull several GB of CUDA packages.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0

# The project as README installs it without the source folder: a wheel, which carries the bundled articles;
# psycopg for a catalog in PostgreSQL (QA_CATALOG_URL).
WORKDIR /tmp/src
COPY . .
RUN pip wheel --no-deps -w dist . && pip install dist/qa_citations-*.whl \
    && pip install "psycopg[binary]>=3.2,<4" \
    && rm -rf /tmp/src

# A user without privileges, and the index folder it owns (a volume: compose.yaml gives each replica its own).
RUN useradd --create-home --uid 10001 qa \
    && mkdir -p /data/index \
    && chown qa:qa /data/index
USER qa
WORKDIR /home/qa
ENV QA_INDEX_DIR=/data/index
VOLUME /data/index

EXPOSE 7860
# The sign-in page answers without a password once the index is open. The first start on an empty catalog indexes
# the bundled articles first (minutes on a small machine), hence the long start period.
HEALTHCHECK --interval=30s --timeout=10s --start-period=10m --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:7860/healthz', timeout=8)"]
CMD ["qa", "chat", "--host", "0.0.0.0", "--port", "7860"]
