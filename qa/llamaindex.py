"""The assistant as LlamaIndex parts, for use in a LlamaIndex pipeline: its hybrid, cross-language search as a
`BaseRetriever` (`qa.as_retriever`) and its cited answers as a query engine (`qa.as_query_engine`).

Each node is one passage: `node.text == qa.article(metadata["document"])[metadata["start"]:metadata["end"]]`, and its
id, "DOCUMENT:START:END", is the address `qa show DOCUMENT --span START:END` opens.
"""

from __future__ import annotations

from pathlib import Path

from llama_index.core.base.base_query_engine import BaseQueryEngine
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.response.schema import Response
from llama_index.core.llms import LLM
from llama_index.core.prompts.mixin import PromptMixinType
from llama_index.core.schema import NodeRelationship, NodeWithScore, QueryBundle, RelatedNodeInfo, TextNode

from qa.api import _settings, query
from qa.pipeline import Assistant
from qa.questions import validate_question
from qa.types import CITATION, Answer, Source

# What a language model reads of a node besides its text (a synthesizer shows it the metadata): the offsets are
# for the caller.
_NOT_FOR_THE_MODEL = ["start", "end"]


def passage_node(source: Source) -> NodeWithScore:
    """A cited or retrieved passage as a LlamaIndex node, scored by the search."""
    metadata = {"document": source.document, "start": source.start, "end": source.end, "language": source.language,
                "title": source.title, "date": source.date}
    node = TextNode(
        id_=f"{source.document}:{source.start}:{source.end}", text=source.text, metadata=metadata,
        start_char_idx=source.start, end_char_idx=source.end,
        excluded_embed_metadata_keys=list(metadata), excluded_llm_metadata_keys=list(_NOT_FOR_THE_MODEL),
        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=source.document)},
    )
    return NodeWithScore(node=node, score=source.score)


class PassageRetriever(BaseRetriever):
    """The indexed passages that the assistant's own search ranks highest for a question (dense, lexical, bridged
    across languages and latent-term rankings fused), best first. `qa.QuestionError` for a question it cannot take."""

    def __init__(self, top_k: int = 5, *, language: str | None = None, index_dir: str | Path | None = None):
        self.top_k = top_k
        self.language = language
        self.index_dir = index_dir
        super().__init__()

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        settings = _settings(self.index_dir)
        question = validate_question(query_bundle.query_str, self.top_k, self.language, settings.max_question_chars)
        assistant = Assistant.from_settings(settings)
        candidates = assistant.retrieve(assistant.index, question, top_k=self.top_k, language=self.language)
        return [passage_node(candidate.source()) for candidate in candidates]


class CitedQueryEngine(BaseQueryEngine):
    """`qa.query` as a query engine: the response is the assistant's answer, whose `[n]` is `source_nodes[n-1]`, and
    `source_nodes` are the passages it cites (none when it abstains). `response.metadata["answer"]` is the `qa.Answer`.
    """

    def __init__(self, top_k: int = 5, *, language: str | None = None, index_dir: str | Path | None = None,
                 llm: str | LLM | None = None):
        self.retriever = PassageRetriever(top_k, language=language, index_dir=index_dir)
        self.llm = llm
        super().__init__(callback_manager=None)

    def _query(self, query_bundle: QueryBundle) -> Response:
        answer = query(query_bundle.query_str, top_k=self.retriever.top_k, language=self.retriever.language,
                       index_dir=self.retriever.index_dir, llm=self.llm)
        return Response(response=answer.text, source_nodes=[passage_node(s) for s in cited_sources(answer)],
                        metadata={"answer": answer, "abstained": answer.abstained, "reason": answer.reason.value,
                                  "mode": answer.mode, "notice": answer.notice})

    async def _aquery(self, query_bundle: QueryBundle) -> Response:
        return self._query(query_bundle)

    def retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return self.retriever.retrieve(query_bundle)

    def _get_prompt_modules(self) -> PromptMixinType:
        return {}


def cited_sources(answer: Answer) -> list[Source]:
    """The sources up to the last one the answer cites: the cited ones, since an answer numbers its sources in the
    order it first cites them."""
    cited = [int(number) for number in CITATION.findall(answer.text)]
    return answer.sources[: max(cited, default=0)]


def as_retriever(top_k: int = 5, *, language: str | None = None,
                 index_dir: str | Path | None = None) -> PassageRetriever:
    """A LlamaIndex retriever of the indexed passages (`language` keeps those of one language): each node carries the
    passage's text, and its document, start, end, language, title and date in `metadata`."""
    return PassageRetriever(top_k, language=language, index_dir=index_dir)


def as_query_engine(top_k: int = 5, *, language: str | None = None, index_dir: str | Path | None = None,
                    llm: str | LLM | None = None) -> CitedQueryEngine:
    """A LlamaIndex query engine answering with the assistant's cited answers (`llm` as in `qa.query`: None takes
    `QA_LLM`, else the answer quotes the articles); `response.source_nodes` are the cited passages."""
    return CitedQueryEngine(top_k, language=language, index_dir=index_dir, llm=llm)
