"""The quality bar, measured as `qa eval` measures it, on the dev set and on eval/extra.jsonl, with the default
model (multilingual-e5-small) and, for comparison, the English-only MiniLM."""

import pytest

import qa
from qa.evaluation import evaluate, load_questions
from tests.conftest import BUNDLED, ROOT, SHARED
from vectorstore.settings import PACKAGED_MODEL

DEV_SET = SHARED / "eval" / "dev.jsonl"
EXTRA_SET = ROOT / "eval" / "extra.jsonl"
FRESH_SET = ROOT / "eval" / "fresh.jsonl"
UNSEEN = ROOT / "eval" / "unseen"
UNSEEN_2 = ROOT / "eval" / "unseen2"
UNSEEN_3 = ROOT / "eval" / "unseen3"
UNSEEN_4 = ROOT / "eval" / "unseen4"
UNSEEN_5 = ROOT / "eval" / "unseen5"
UNSEEN_6 = ROOT / "eval" / "unseen6"
UNSEEN_7 = ROOT / "eval" / "unseen7"
UNSEEN_8 = ROOT / "eval" / "unseen8"
UNSEEN_9 = ROOT / "eval" / "unseen9"
UNSEEN_10 = ROOT / "eval" / "unseen10"
UNSEEN_11 = ROOT / "eval" / "unseen11"
UNSEEN_12 = ROOT / "eval" / "unseen12"
UNSEEN_13 = ROOT / "eval" / "unseen13"
OFF_TOPIC = ROOT / "eval" / "off_topic.jsonl"


def _scores(path, index_dir):
    if not path.exists():
        pytest.skip(f"{path} is not beside the project")
    summary, _ = evaluate(load_questions(path), ask=lambda q: qa.query(q, index_dir=index_dir), k=5,
                          article=lambda d: qa.article(d, index_dir=index_dir))
    return summary


@pytest.fixture(scope="module")
def dev_scores(bundled_index):
    return _scores(DEV_SET, bundled_index)


@pytest.fixture(scope="module")
def extra_scores(bundled_index):
    return _scores(EXTRA_SET, bundled_index)


@pytest.fixture(scope="module")
def fresh_scores(bundled_index):
    return _scores(FRESH_SET, bundled_index)


def _unseen_scores(folder, tmp_path_factory):
    """A folder's articles, which the project had never seen, in an index of their own, and its questions."""
    articles, index_dir = tmp_path_factory.mktemp(f"{folder.name}-articles"), tmp_path_factory.mktemp(folder.name)
    for path in folder.glob("*.txt"):
        (articles / path.name).write_bytes(path.read_bytes())
    qa.ingest(articles, index_dir=index_dir, show_progress=False)
    return _scores(folder / "questions.jsonl", index_dir)


@pytest.fixture(scope="module")
def unseen_scores(tmp_path_factory):
    """eval/unseen/: six articles on a flood, a shipwreck dig and an arena opening."""
    return _unseen_scores(UNSEEN, tmp_path_factory)


@pytest.fixture(scope="module")
def unseen_2_scores(tmp_path_factory):
    """eval/unseen2/: six more, on an election, a rail line and a court ruling, written after the first set's
    failures had been read and measured before any change was made for them."""
    return _unseen_scores(UNSEEN_2, tmp_path_factory)


@pytest.fixture(scope="module")
def unseen_3_scores(tmp_path_factory):
    """eval/unseen3/: six more, on a hospital opening, a typhoon and a university exchange, measured on arrival
    before any change was made for them."""
    return _unseen_scores(UNSEEN_3, tmp_path_factory)


@pytest.fixture(scope="module")
def unseen_4_scores(tmp_path_factory):
    """eval/unseen4/: six more, on a cheese plant, a volcano alert and a film festival, measured on arrival."""
    return _unseen_scores(UNSEEN_4, tmp_path_factory)


@pytest.fixture(scope="module")
def unseen_5_scores(tmp_path_factory):
    """eval/unseen5/: six more, on a museum theft, a wind farm and a robotics contest, measured on arrival."""
    return _unseen_scores(UNSEEN_5, tmp_path_factory)


@pytest.fixture(scope="module")
def unseen_6_scores(tmp_path_factory):
    """eval/unseen6/: six more, on a stranded cargo ship, a measles campaign and a painted cave, measured on arrival."""
    return _unseen_scores(UNSEEN_6, tmp_path_factory)


@pytest.fixture(scope="module")
def unseen_7_scores(tmp_path_factory):
    """eval/unseen7/: six more, on a chess tournament, a dock strike and a mountain rescue, measured on arrival."""
    return _unseen_scores(UNSEEN_7, tmp_path_factory)


@pytest.fixture(scope="module")
def unseen_8_scores(tmp_path_factory):
    """eval/unseen8/: six more, on a coin hoard, a youth orchestra's tour and water rationing, measured on arrival."""
    return _unseen_scores(UNSEEN_8, tmp_path_factory)


@pytest.fixture(scope="module")
def unseen_9_scores(tmp_path_factory):
    """eval/unseen9/: six more, on a ferry run aground, a cooking contest and a bridge reopened, measured on arrival."""
    return _unseen_scores(UNSEEN_9, tmp_path_factory)


@pytest.fixture(scope="module")
def unseen_10_scores(tmp_path_factory):
    """eval/unseen10/: six more, on a museum theft, a new frog species and a wildfire, measured on arrival."""
    return _unseen_scores(UNSEEN_10, tmp_path_factory)


@pytest.fixture(scope="module")
def unseen_11_scores(tmp_path_factory):
    """eval/unseen11/: six more, on a solar park, a basketball final and a landslide, measured on arrival."""
    return _unseen_scores(UNSEEN_11, tmp_path_factory)


@pytest.fixture(scope="module")
def unseen_12_scores(tmp_path_factory):
    """eval/unseen12/: six more, on a library opening, a ferry rescue and a robotics contest, measured on arrival."""
    return _unseen_scores(UNSEEN_12, tmp_path_factory)


@pytest.fixture(scope="module")
def unseen_13_scores(tmp_path_factory):
    """eval/unseen13/: six more, on a museum theft, a marathon and a landslide, measured on arrival."""
    return _unseen_scores(UNSEEN_13, tmp_path_factory)


@pytest.fixture(scope="module")
def minilm_extra_scores(tmp_path_factory):
    """The extra set answered with the packaged English-only MiniLM, in an index of its own."""
    index_dir = tmp_path_factory.mktemp("minilm-index")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("QA_EMBED_MODEL", PACKAGED_MODEL)
        qa.ingest(BUNDLED, index_dir=index_dir, show_progress=False)
        scores = _scores(EXTRA_SET, index_dir)
        qa.close_indexes()
    return scores


@pytest.mark.parametrize("scores", ["dev_scores", "extra_scores", "minilm_extra_scores"])
def test_citations_valid_and_spans_exact(scores, request):
    summary = request.getfixturevalue(scores)
    assert summary["all"]["citation_validity"] == 1.0
    assert summary["all"]["exact_spans"] == 1.0


@pytest.mark.parametrize("scores", ["dev_scores", "extra_scores"])
def test_answerable_questions_are_answered(scores, request):
    summary = request.getfixturevalue(scores)
    answerable = [summary[k]["abstention"] for k in summary if k in ("kind=mono", "kind=cross", "kind=multi")]
    assert min(answerable) >= 0.9


def test_new_questions_are_answered_across_languages(fresh_scores):
    # Measured: 22 of 23 cross-language and 11 of 12 same-language questions answered (refused: one asking
    # what "Western" countries feared, in Tagalog's capitalised "Kanluranin", and one about "Washington",
    # words that read as names the articles never use). Before the cross-language credit and the Tagalog
    # day names, 19 of 23 cross-language ones were answered. 20 of 23 since 2026-12-07: "Si quhej babai i Kim Jong
    # Unit?" asks a name of a thing, which is looked for within three words of the thing's word, and the English
    # answer stands six words after "father" ("the father of the current North Korean leader, Kim Jong-il").
    assert fresh_scores["kind=cross"]["abstention"] >= 0.85 and fresh_scores["kind=mono"]["abstention"] >= 0.9
    assert fresh_scores["all"]["exact_spans"] == 1.0 and fresh_scores["all"]["citation_validity"] == 1.0


def test_off_topic_question_abstains(dev_scores):
    assert dev_scores["kind=none"]["abstention"] == 1.0


# Since answers quote one or two sentences (median about 40 words, against 125 to 140 when they quoted up to four,
# docs/quality.md), the answer is in the answer only when the sentence chosen first holds it: answer hits fell from
# 0.84 to 0.97 to 0.67 to 0.89 across the sets. The bars below are those measured.
def test_same_language_questions_meet_the_bar(dev_scores):
    # Measured: evidence@5 1.0, MRR 0.917, answer hit 0.833 (5 of 6; 1.0 when answers quoted up to four sentences).
    mono = dev_scores["kind=mono"]
    assert mono["evidence@k"] >= 0.95 and mono["mrr"] >= 0.8 and mono["answer_hit"] >= 0.8


def test_answers_found_across_languages(dev_scores):
    # Measured: evidence@5 1.0, MRR 1.0, answer hit 1.0 on the three dev cross questions; answer hit was
    # 0.667 before sentences were also chosen by their share of the question's bridged words, and MRR
    # 0.733 before the latent-term ranking (docs/quality-history.md).
    cross = dev_scores["kind=cross"]
    assert cross["evidence@k"] >= 0.95 and cross["answer_hit"] >= 0.8 and cross["mrr"] >= 0.9


def test_ranking_meets_the_mrr_bar(dev_scores):
    # Measured: 0.944; 0.694 before the word bridge took cross-language answers from rank 2-4 to 1, 0.856
    # before the latent-term ranking.
    assert dev_scores["all"]["mrr"] >= 0.8


def test_extra_set_ranking_holds(extra_scores):
    # Measured: evidence@5 0.893, MRR 0.748 (0.729 before the sources came in the order the answer cites them;
    # 0.929 / 0.677 before the standardised scores ordered the candidates;
    # 0.893 / 0.678 before the latent-term ranking; 0.696 before the bridge left out interrogatives, which found
    # the dev set's last missing answer; docs/quality-history.md); 0.857 / 0.686 before the question's
    # vector was partly centred on its language's mean.
    assert extra_scores["all"]["evidence@k"] >= 0.88 and extra_scores["all"]["mrr"] >= 0.67


def test_extra_set_cross_language_answers(extra_scores):
    # Measured: cross answer hit 0.500 (6 of 12) with one or two quoted sentences; 0.667 when answers quoted up to
    # four; 0.750 before the standardised scores ordered the candidates, which moved one answer (what Shoigu handed
    # Kim) from rank 5 to 9; 0.583 (four sentences) when sentences are chosen without the bridged words.
    assert extra_scores["kind=cross"]["answer_hit"] >= 0.5


def test_extra_set_unanswerable_questions_abstain(extra_scores):
    # Measured: 0.750, all four off-topic questions and the two on-topic ones that ask for a count ("How old
    # is Kim Jong Un?", "Sa predha artilerie…?"); 0.500 before the count check (docs/quality-history.md).
    assert extra_scores["kind=none"]["abstention"] >= 0.75


def test_default_model_beats_the_english_only_one_across_languages(extra_scores, minilm_extra_scores):
    # Measured: cross evidence@5 0.750 with multilingual-e5-small, 0.583 with MiniLM (docs/quality.md). MiniLM's was
    # 0.417 while a refusal returned no sources: it refuses most cross-language questions.
    assert extra_scores["kind=cross"]["evidence@k"] >= 0.6
    assert extra_scores["kind=cross"]["evidence@k"] >= minilm_extra_scores["kind=cross"]["evidence@k"] + 0.15
    assert extra_scores["kind=cross"]["answer_hit"] > minilm_extra_scores["kind=cross"]["answer_hit"]


def test_whole_bar(dev_scores):
    # Measured: evidence@5 1.0, MRR 0.944, answer hit 0.889, cross answer hit 1.0 (docs/quality.md).
    overall = dev_scores["all"]
    assert overall["evidence@k"] >= 0.95 and overall["mrr"] >= 0.8 and overall["answer_hit"] >= 0.85
    assert dev_scores["kind=cross"]["answer_hit"] >= 0.8


@pytest.mark.parametrize("question, article, answer", [
    ("What animals performed in the show Kim watched at the Vladivostok aquarium?", "004", "belugas"),
    ("Sino ang namuno sa delegasyon ng Rusya na nagpaalam kay Kim?", "000", "Kozlov"),
    ("A pritej që Rusia dhe Koreja e Veriut të firmosnin ndonjë marrëveshje gjatë vizitës, sipas Kremlinit?",
     "000", "asnjë marrëveshje"),
])
def test_the_first_source_holds_the_answer(bundled_index, question, article, answer):
    """Rank fusion put these answers at ranks 2 to 4 (it sees each ranking's order, not by how much a passage
    leads); ordered by their standardised scores, the fused candidates put them first. (The search's order: an
    answer's sources come in the order it cites them.) Not "Cili zyrtar rus ishte me Kimin kur ai vizitoi ekspozitën
    e raketave balistike?": its answering passage and another score within 0.3%, and which leads changed between
    machines."""
    first = qa.as_retriever(index_dir=bundled_index).retrieve(question)[0]
    assert first.node.metadata["document"].startswith(article) and answer.lower() in first.node.text.lower()


def test_an_answer_in_another_language_is_quoted_beside_overview_sentences(bundled_index):
    """The Albanian sentence that answers scores lower than an English overview sentence sharing many of the
    question's words; with the cross-language credit it is still kept among the sentences to quote."""
    answer = qa.query("Before the summit, how had Pyongyang and Moscow responded to claims that North Korea "
                      "would supply Russia with weapons?", index_dir=bundled_index)
    assert "kanë mohuar" in answer.text


def test_articles_never_seen_are_answered_and_refused(unseen_scores):
    # Measured (docs/quality.md): answer hit 0.822 (0.711 when the set was written); false abstentions 0.022 (1 of
    # 45; 0.133 while a name in quotes was no word start), off-topic abstention 1.0. Since 2026-12-07 (a name asked
    # of a thing is given beside its word) 0.044: uq26, answered wrong before, is refused (the Albanian "kryetarja"
    # has no counterpart for the English "Mayor" that names her).
    overall = unseen_scores["all"]
    assert overall["answer_hit"] >= 0.8 and overall["false_abstention"] <= 0.05
    assert overall["abstention_off"] == 1.0 and overall["answer_words"] <= 45
    assert overall["citation_validity"] == 1.0 and overall["exact_spans"] == 1.0


def test_a_second_set_of_articles_never_seen_is_answered_and_refused(unseen_2_scores):
    # Measured (docs/quality.md): answer hit 0.608 when the set arrived, 0.725 now; false abstentions 0.039 then, 0
    # now (of 51); off-topic abstention 1.0.
    overall = unseen_2_scores["all"]
    assert overall["answer_hit"] >= 0.7 and overall["false_abstention"] <= 0.03
    assert overall["abstention_off"] == 1.0 and overall["answer_words"] <= 45
    assert overall["citation_validity"] == 1.0 and overall["exact_spans"] == 1.0


def test_a_third_set_of_articles_never_seen_is_answered_and_refused(unseen_3_scores):
    # Measured (docs/quality.md): answer hit 0.646 when the set arrived, 0.750 now; false abstentions 0.146 then,
    # 0.083 now (4 of 48); on-topic abstention 0.444 then, 0.611 now (11 of 18: a relative, a day of a month); off-topic
    # abstention 0.833 (5 of 6: a Tagalog superlative shares the trigrams of another). On-topic 0.778 since 2026-12-07
    # (an airline asked by its kind, a dateline's date, an answer of another story). False abstentions 0.104 since
    # wq13, answered wrong by a sentence in its language that repeats none of its words, is refused (`shares_a_word`);
    # 0.125 since wq30, answered wrong by a headline whose "Albania's" was read as a person, is refused with the
    # minister's sentence shown as the closest (a possessive ends a name).
    overall = unseen_3_scores["all"]
    assert overall["answer_hit"] >= 0.7 and overall["false_abstention"] <= 0.13 and overall["abstention_on"] >= 0.8
    assert overall["abstention_off"] >= 0.8 and overall["answer_words"] <= 45
    assert overall["citation_validity"] == 1.0 and overall["exact_spans"] == 1.0


def test_a_fourth_set_of_articles_never_seen_is_answered_and_refused(unseen_4_scores):
    # Measured on arrival (docs/quality.md), nothing changed for it since: answer hit 0.708 (the answering article
    # ranks first for 0.708), false abstentions 0.146 (7 of 48: four are counts, three whose counted word the word
    # bridge does not carry into the answer's language and one asking "people" of "4,850 residents"), on-topic
    # abstention 0.278 (5 of 18), off-topic abstention 1.0. On-topic 0.444 since 2026-12-07 (a bank named only by a
    # name that says so).
    overall = unseen_4_scores["all"]
    assert overall["answer_hit"] >= 0.68 and overall["false_abstention"] <= 0.15 and overall["abstention_on"] >= 0.4
    assert overall["abstention_off"] == 1.0 and overall["answer_words"] <= 45
    assert overall["citation_validity"] == 1.0 and overall["exact_spans"] == 1.0


def test_a_fifth_set_of_articles_never_seen_is_answered_and_refused(unseen_5_scores):
    # Measured on arrival (docs/quality.md, 2026-12-06): answer hit 0.521, first sentence 0.479, false abstentions
    # 0.146 (7 of 48, four of them counts), on-topic abstention 0.333 (6 of 18), off-topic 1.0, median 37 words. Far
    # under the four sets before it, on which the answerer's rules were tuned: what these floors keep is that figure,
    # not the quality bar. On-topic 0.500 since 2026-12-07 (sums and institutions asked by their kind), 0.611 since a
    # later session (an institution named only by a name that says its kind).
    overall = unseen_5_scores["all"]
    assert overall["answer_hit"] >= 0.5 and overall["false_abstention"] <= 0.17 and overall["abstention_on"] >= 0.55
    assert overall["abstention_off"] == 1.0 and overall["answer_words"] <= 45
    assert overall["citation_validity"] == 1.0 and overall["exact_spans"] == 1.0


def test_a_sixth_set_of_articles_never_seen_is_answered_and_refused(unseen_6_scores):
    # Measured on arrival (docs/quality.md, 2026-12-06): answer hit 0.729, first sentence 0.625, false abstentions
    # 0.042, on-topic abstention 0.333, off-topic 0.667 (4 of 6), 28.5 words; after that session's changes, which were
    # not made for it: 0.708, 0.604, 0.062 (a lower-case Tagalog count refused as naming nothing), 0.333, 0.833.
    # A peso written "P500" is read as a sum since 2026-12-07: the question that asked for it is answered by its first
    # sentence; two that ask for other sums (a wage, a reward) quoted a P-sum until a sum's kind was checked too.
    # False abstentions 0.083 since a later session: bq47, answered wrong before, is refused ("Which laboratory …?":
    # its answer, "Hallström Dating Laboratory", is not among the sources).
    overall = unseen_6_scores["all"]
    assert overall["answer_hit"] >= 0.7 and overall["false_abstention"] <= 0.09 and overall["abstention_on"] >= 0.35
    assert overall["abstention_off"] >= 0.8 and overall["answer_words"] <= 45
    assert overall["citation_validity"] == 1.0 and overall["exact_spans"] == 1.0


def test_a_seventh_set_of_articles_never_seen_is_answered_and_refused(unseen_7_scores):
    # Measured on arrival (docs/quality.md, 2026-12-07): answer hit 0.750, first sentence 0.667, false abstentions
    # 0.125 (6 of 48: five counts, one Tagalog count that names nothing), on-topic abstention 0.111 (2 of 18),
    # off-topic 1.0, 32.5 words. What these floors keep is that figure, not the quality bar. On-topic 0.444 since
    # 2026-12-07 (a count per unit of time, a sum or an institution asked by its kind, an answer of another story),
    # 0.500 later that day (a name asked of a thing is given beside its word), when cq37, answered wrong before, was
    # refused: false abstentions 0.146.
    overall = unseen_7_scores["all"]
    assert overall["answer_hit"] >= 0.72 and overall["false_abstention"] <= 0.15 and overall["abstention_on"] >= 0.45
    assert overall["abstention_off"] == 1.0 and overall["answer_words"] <= 45
    assert overall["citation_validity"] == 1.0 and overall["exact_spans"] == 1.0


def test_an_eighth_set_of_articles_never_seen_is_answered_and_refused(unseen_8_scores):
    # Measured on arrival (docs/quality.md, 2026-12-07), with that session's first code: answer hit 0.542, first
    # sentence 0.521, false abstentions 0.104, on-topic abstention 0.222, off-topic 0.833, 43 words, evidence@5 0.812;
    # with its last, on-topic 0.333. The lowest of the held-out sets: 9 of 48 answers not retrieved. What these floors
    # keep is that figure, not the quality bar. Answer hit 0.583 and on-topic 0.500 since the next session (a person
    # named beside the role asked for; a name asked of a thing given beside its word). 0.604 since a later session
    # (a museum named by its name), when dq28, answered wrong before, was refused: false abstentions 0.125; 0.146 since
    # dq53 is refused too, answered wrong by a sentence in its language that repeats none of its words (`shares_a_word`).
    overall = unseen_8_scores["all"]
    assert overall["answer_hit"] >= 0.58 and overall["false_abstention"] <= 0.15 and overall["abstention_on"] >= 0.45
    assert overall["abstention_off"] >= 0.8 and overall["answer_words"] <= 45
    assert overall["citation_validity"] == 1.0 and overall["exact_spans"] == 1.0


def test_a_ninth_set_of_articles_never_seen_is_answered_and_refused(unseen_9_scores):
    # Measured on arrival (docs/quality.md, 2026-12-07), with that session's first code (34aadfb): answer hit 0.688,
    # first sentence 0.625, false abstentions 0.104, on-topic abstention 0.444, off-topic 0.833, 40 words, evidence@5
    # 0.896; with its last: 0.667, 0.604, 0.125, 0.500, 0.833. What these floors keep is that figure, not the quality
    # bar. Since the next session (an answer's kind credited in another language; institutions named by their names):
    # 0.688, 0.646, 0.104, 0.556, 0.833.
    overall = unseen_9_scores["all"]
    assert overall["answer_hit"] >= 0.66 and overall["false_abstention"] <= 0.11 and overall["abstention_on"] >= 0.5
    assert overall["abstention_off"] >= 0.8 and overall["answer_words"] <= 45
    assert overall["citation_validity"] == 1.0 and overall["exact_spans"] == 1.0


def test_a_tenth_set_of_articles_never_seen_is_answered_and_refused(unseen_10_scores):
    # Measured on arrival (docs/quality.md, 2026-12-07), with that session's first code (b7706d6) and, unchanged, its
    # last: answer hit 0.604, first sentence 0.562, false abstentions 0.125, on-topic abstention 0.333, off-topic 1.0,
    # 27 words, evidence@5 0.792 (cross-language 0.700). What these floors keep is that figure, not the quality bar.
    overall = unseen_10_scores["all"]
    assert overall["answer_hit"] >= 0.58 and overall["false_abstention"] <= 0.13 and overall["abstention_on"] >= 0.3
    assert overall["abstention_off"] == 1.0 and overall["answer_words"] <= 45
    assert overall["citation_validity"] == 1.0 and overall["exact_spans"] == 1.0


def test_an_eleventh_set_of_articles_never_seen_is_answered_and_refused(unseen_11_scores):
    # Measured on arrival (docs/quality.md, 2026-12-07), written at the end of a session and measured with its last
    # code (3f9f0d4), so that the next session starts with a set measured before any change: answer hit 0.708, first
    # sentence 0.688, false abstentions 0.167, on-topic abstention 0.333, off-topic 1.0, 32 words, evidence@5 0.917.
    # What these floors keep is that figure, not the quality bar.
    overall = unseen_11_scores["all"]
    assert overall["answer_hit"] >= 0.68 and overall["false_abstention"] <= 0.17 and overall["abstention_on"] >= 0.3
    assert overall["abstention_off"] == 1.0 and overall["answer_words"] <= 45
    assert overall["citation_validity"] == 1.0 and overall["exact_spans"] == 1.0


def test_a_twelfth_set_of_articles_never_seen_is_answered_and_refused(unseen_12_scores):
    # Measured on arrival (docs/quality.md, 2026-12-07), written blind at the start of a session and measured with its
    # code then (ae832e0), the same question by question after that session's answer change (46ce320): answer hit
    # 0.556, first sentence 0.556, false abstentions 0.148, on-topic abstention 0.611, 32.5 words, evidence@5 0.833
    # (cross-language 0.778). It has no off-topic questions. What these floors keep is that figure, not the quality bar.
    overall = unseen_12_scores["all"]
    assert overall["answer_hit"] >= 0.53 and overall["false_abstention"] <= 0.15 and overall["abstention_on"] >= 0.58
    assert overall["answer_words"] <= 45
    assert overall["citation_validity"] == 1.0 and overall["exact_spans"] == 1.0


def test_a_thirteenth_set_of_articles_never_seen_is_answered_and_refused(unseen_13_scores):
    # Measured on arrival (docs/quality.md, 2026-12-07), written blind at the start of a session and measured with its
    # code then (15a03a8): answer hit 0.630, first sentence 0.574, false abstentions 0.148, on-topic abstention 0.667,
    # 30.5 words, evidence@5 0.833 (cross-language 0.778). It has no off-topic questions. What these floors keep is that
    # figure, not the quality bar.
    overall = unseen_13_scores["all"]
    assert overall["answer_hit"] >= 0.6 and overall["false_abstention"] <= 0.15 and overall["abstention_on"] >= 0.63
    assert overall["answer_words"] <= 45
    assert overall["citation_validity"] == 1.0 and overall["exact_spans"] == 1.0


def test_general_questions_in_every_language_are_refused(bundled_index):
    # eval/off_topic.jsonl, 10 questions a language that no article answers. Measured (docs/quality.md): 29 of 30 on
    # the bundled articles, the one answered a Tagalog question that names nothing ("Sino ang unang tao na nakarating
    # sa buwan?"); 28 of 30 before the refusal of questions that name nothing and match no sentence in particular.
    scores = _scores(OFF_TOPIC, bundled_index)
    assert scores["all"]["abstention_off"] >= 0.95
    assert all(scores[f"lang={language}"]["abstention_off"] >= 0.9 for language in ("en", "sq", "tl"))
