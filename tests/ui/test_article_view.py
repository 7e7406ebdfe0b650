"""The article view's HTML: the cited passage lightly marked, the sentences the answer quotes from it strongly
marked inside it, at their exact offsets, and every character of the article shown as text."""

from __future__ import annotations

from html.parser import HTMLParser

import gradio as gr

import qa
from ui.article_view import article_html
from ui.chat import open_citation

ARTICLE = ("date 2023-09-17\n\nKim left <Russia> & went home. He got five drones. "
           'The governor gave a vest "too". Putin said nothing.')


def sentence(text: str) -> tuple[int, int]:
    start = ARTICLE.index(text)
    return start, start + len(text)


PASSAGE = (ARTICLE.index("He got"), ARTICLE.index(" Putin"))
DRONES, VEST = sentence("He got five drones."), sentence('The governor gave a vest "too".')


class Marks(HTMLParser):
    """The article's text as a browser shows it, and the text inside each mark class."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.open, self.marked = "", [], {}

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self.open.append(dict(attrs)["class"])
            self.marked.setdefault(self.open[-1], []).append("")

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data):
        for name in self.open:
            self.marked[name][-1] += data
        self.text += data


def shown(html: str) -> Marks:
    body = html.split('<div class="article-text"', 1)[1].split(">", 1)[1]
    marks = Marks()
    marks.feed(body.removesuffix("</div></div>"))
    return marks


def view(**options) -> str:
    return article_html(ARTICLE, title="Kim", language="en", date="2023-09-17", document="kim.txt", **options)


def test_each_quoted_sentence_is_marked_strongly_inside_the_lightly_marked_passage():
    html = view(span=PASSAGE, quotes=[VEST, DRONES])
    marks = shown(html)
    assert marks.text == ARTICLE[ARTICLE.index("Kim left"):]  # nothing added, nothing lost
    assert marks.marked["cited-span"] == [ARTICLE[slice(*PASSAGE)]]
    assert marks.marked["quoted-sentence"] == ["He got five drones.", 'The governor gave a vest "too".']
    assert html.count('<mark class="quoted-sentence"') == 2
    assert html.index('<mark class="cited-span"') < html.index('<mark class="quoted-sentence"')


def test_article_text_stays_text_around_and_inside_the_marks():
    article = "Intro <b>bold</b>. <script>alert(1)</script> says & more. End."
    quote = (article.index("<script>"), article.index(" End"))
    html = article_html(article, title="<i>t</i>", language=None, date=None, document="x.txt",
                        span=(article.index("Intro"), len(article)), quotes=[quote])
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; says &amp; more." in html
    marks = shown(html)
    assert marks.text == article
    assert marks.marked["quoted-sentence"] == ["<script>alert(1)</script> says & more."]


def test_a_quote_that_is_the_whole_passage_is_marked_strongly_and_no_text_is_repeated():
    marks = shown(view(span=DRONES, quotes=[DRONES]))
    assert marks.marked["cited-span"] == marks.marked["quoted-sentence"] == ["He got five drones."]
    assert marks.text.count("He got five drones.") == 1


def test_quotes_outside_the_passage_or_empty_are_left_out_and_overlapping_ones_merged():
    outside = sentence("Putin said nothing.")
    across = (PASSAGE[0] - 5, PASSAGE[0] + 5)
    overlapping = (DRONES[0] + 3, VEST[1])
    marks = shown(view(span=PASSAGE, quotes=[outside, across, (DRONES[0], DRONES[0]), DRONES, overlapping]))
    assert marks.marked["quoted-sentence"] == [ARTICLE[DRONES[0]:VEST[1]]]


def test_without_a_span_nothing_is_marked_even_with_quotes():
    html = view(span=None, quotes=[DRONES], note="The article changed after this answer")
    assert "<mark" not in html
    assert shown(html).text == ARTICLE[ARTICLE.index("Kim left"):]


def test_without_quotes_the_passage_alone_is_marked():
    marks = shown(view(span=PASSAGE))
    assert marks.marked == {"cited-span": [ARTICLE[slice(*PASSAGE)]]}


def opened(turns: list[dict], number: int) -> Marks:
    """The article view after clicking source `number` of the first answer in the chat."""
    _, html = open_citation(turns, gr.EventData(None, {"turn": 0, "source": number}))
    return shown(html)


def test_a_chat_source_opens_with_its_quoted_sentence_marked_unless_the_article_changed_since(bundled_index,
                                                                                              monkeypatch):
    monkeypatch.setenv("QA_INDEX_DIR", str(bundled_index))
    question = "Who gave Kim Jong Un drones?"
    answer = qa.query(question, index_dir=bundled_index).to_dict()
    turns = [{"question": question, "answer": answer, "notice": None}]
    first = answer["sources"][0]
    article = qa.article(first["document"], index_dir=bundled_index)
    marks = opened(turns, 1)
    assert marks.marked["cited-span"] == [first["text"]]
    assert marks.marked["quoted-sentence"] == [article[q["start"] : q["end"]] for q in first["quotes"]]
    assert marks.marked["quoted-sentence"][0] in answer["text"]
    # The answer was given on an earlier version of the article: its offsets no longer point at its passage.
    earlier = {**first, "text": first["text"].replace("drones", "drone")}
    assert earlier["text"] != first["text"]
    changed = [{**turns[0], "answer": {**answer, "sources": [earlier, *answer["sources"][1:]]}}]
    assert opened(changed, 1).marked == {}
