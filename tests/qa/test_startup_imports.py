"""`qa ask` loads only what answering needs: not scipy and scikit-learn, which nltk's package brought in (seconds of
every start-up) although the sentence splitter uses none of them, not what only ingesting needs (the file
readers: trafilatura and its HTML and date libraries), and not llama-index, which only ingest's passage splitter and
Chroma writer, the language models and the llama-index interfaces use (a second of every start-up)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

HEAVY = ("scipy", "sklearn", "nltk", "torch", "sentence_transformers", "transformers", "pandas")
INGEST_ONLY = ("vectorstore.ingest", "vectorstore.loading", "trafilatura", "lxml", "htmldate", "courlan", "justext")
NOT_TO_ANSWER = ("llama_index.core", "llama_index.vector_stores.chroma")
ASK_THEN_LIST = """
import json, sys
import qa.cli
code = qa.cli.main(["--index-dir", sys.argv[1], "ask", "Who is the governor of the Primorye region?"])
print(json.dumps({"code": code, "loaded": [name for name in sys.argv[2:] if name in sys.modules]}))
"""


def test_qa_ask_answers_without_importing_scipy_sklearn_nltks_package_the_ingest_readers_or_llama_index(bundled_index):
    result = subprocess.run([sys.executable, "-c", ASK_THEN_LIST, str(bundled_index), *HEAVY, *INGEST_ONLY,
                             *NOT_TO_ANSWER],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.splitlines()[-1])
    assert outcome["code"] == 0 and "Primorje" in result.stdout  # answered, quoting the governor's passage
    assert outcome["loaded"] == []
