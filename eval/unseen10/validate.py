#!/usr/bin/env python3
"""Validate the unseen10 articles and questions.jsonl. Exit 1 on any failure."""
import datetime
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ("en", "sq", "tl")
DOC_IDS = ["k%02d" % i for i in range(1, 7)]
STORIES = {  # story -> two articles in two different languages
    "museum theft (Gurëbardhë)": ["k03", "k06"],
    "new frog species (Mount Apurao)": ["k01", "k04"],
    "wildfire (Pyllgur)": ["k02", "k05"],
}
KEY_ORDER = ["id", "lang", "kind", "question", "gold_docs", "answer_any"]
EXPECTED = {"mono": 6, "cross": 10, ("none", "on"): 6, ("none", "off"): 2}
YEAR = 2026

errors = []


def err(msg):
    errors.append(msg)


# ---------------------------------------------------------------- date patterns
EN_MONTHS = ["january", "february", "march", "april", "may", "june", "july",
             "august", "september", "october", "november", "december"]
SQ_MONTHS = ["janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik",
             "gusht", "shtator", "tetor", "nëntor", "dhjetor"]
TL_MONTHS = ["enero", "pebrero", "marso", "abril", "mayo", "hunyo", "hulyo",
             "agosto", "setyembre", "oktubre", "nobyembre", "disyembre"]
EN_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
SQ_DAYS = ["hën", "mart", "mërkur", "enjt", "premt", "shtun", "diel"]  # stems
TL_DAYS = ["lunes", "martes", "miyerkules", "huwebes", "biyernes", "sabado", "linggo"]

RE_EN = re.compile(r"\b(%s),? (\d{1,2}) (%s)(?:,? (\d{4}))?" % (
    "|".join(EN_DAYS), "|".join(EN_MONTHS)), re.I)
RE_SQ = re.compile(r"\b(?:e |të )(hënë|hënën|martë|martën|mërkurë|mërkurën|enjte|enjten|"
                   r"premte|premten|shtunë|shtunën|diel|dielën),? (?:më )?(\d{1,2}) (%s)\w*(?: (\d{4}))?"
                   % "|".join(SQ_MONTHS), re.I)
RE_TL = re.compile(r"\b(%s),? (%s) (\d{1,2})(?:, (\d{4}))?" % (
    "|".join(TL_DAYS), "|".join(TL_MONTHS)), re.I)

RE_DATE_EN = re.compile(r"\b(\d{1,2}) (%s) (\d{4})\b" % "|".join(EN_MONTHS), re.I)
RE_DATE_SQ = re.compile(r"\b(\d{1,2}) (%s) (\d{4})\b" % "|".join(SQ_MONTHS), re.I)
RE_DATE_TL = re.compile(r"\b(%s) (\d{1,2}), (\d{4})\b" % "|".join(TL_MONTHS), re.I)

RE_DATELINE = re.compile(r"^([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .'-]*[A-ZÀ-ÖØ-Þ]), (.+?) – \S")


def sq_day_index(word):
    w = word.lower()
    for i, stem in enumerate(SQ_DAYS):
        if w.startswith(stem):
            return i
    return None


def weekday_mentions(text):
    """Yield (matched text, weekday index named, date) for every weekday+date mention."""
    for m in RE_EN.finditer(text):
        d = datetime.date(int(m.group(4) or YEAR), EN_MONTHS.index(m.group(3).lower()) + 1, int(m.group(2)))
        yield m.group(0), EN_DAYS.index(m.group(1).lower()), d
    for m in RE_SQ.finditer(text):
        d = datetime.date(int(m.group(4) or YEAR), SQ_MONTHS.index(m.group(3).lower()) + 1, int(m.group(2)))
        yield m.group(0), sq_day_index(m.group(1)), d
    for m in RE_TL.finditer(text):
        d = datetime.date(int(m.group(4) or YEAR), TL_MONTHS.index(m.group(2).lower()) + 1, int(m.group(3)))
        yield m.group(0), TL_DAYS.index(m.group(1).lower()), d


def dateline_date(lang, datepart):
    if lang == "en":
        m = RE_DATE_EN.search(datepart)
        return m and datetime.date(int(m.group(3)), EN_MONTHS.index(m.group(2).lower()) + 1, int(m.group(1)))
    if lang == "sq":
        m = RE_DATE_SQ.search(datepart)
        return m and datetime.date(int(m.group(3)), SQ_MONTHS.index(m.group(2).lower()) + 1, int(m.group(1)))
    m = RE_DATE_TL.search(datepart)
    return m and datetime.date(int(m.group(3)), TL_MONTHS.index(m.group(1).lower()) + 1, int(m.group(2)))


# ---------------------------------------------------------------- articles
docs, doc_lang, word_counts = {}, {}, {}
for did in DOC_IDS:
    found = [f for f in os.listdir(HERE) if re.fullmatch(r"%s_(en|sq|tl)\.txt" % did, f)]
    if len(found) != 1:
        err("%s: expected exactly one file %s_XX.txt, found %s" % (did, did, found))
        continue
    fname = found[0]
    lang = fname[4:6]
    try:
        with open(os.path.join(HERE, fname), encoding="utf-8") as f:
            text = f.read()
    except UnicodeDecodeError as e:
        err("%s: not valid UTF-8 (%s)" % (fname, e))
        continue
    docs[did], doc_lang[did] = text, lang
    n = len(text.split())
    word_counts[did] = n
    if not 330 <= n <= 450:
        err("%s: %d words (need 330-450)" % (fname, n))
    body = text.strip("\n")
    if "\n\n\n" in body:
        err("%s: paragraphs must be separated by exactly one blank line" % fname)
    paras = body.split("\n\n")
    for i, p in enumerate(paras):
        if not p.strip() or "\n" in p or p != p.strip():
            err("%s: paragraph %d is empty, spans several lines or has stray whitespace" % (fname, i + 1))
    if len(paras) < 2:
        err("%s: missing headline / dateline" % fname)
        continue
    if paras[0].endswith("."):
        err("%s: headline should not end with a period" % fname)
    more = len(paras) - 2
    if not 5 <= more <= 7:
        err("%s: %d paragraphs after the dateline paragraph (need 5-7)" % (fname, more))
    m = RE_DATELINE.match(paras[1])
    if not m:
        err("%s: dateline paragraph does not match 'TOWN, date – ...'" % fname)
    else:
        d = dateline_date(lang, m.group(2))
        if not d:
            err("%s: dateline date %r not recognised for language %s" % (fname, m.group(2), lang))
        elif d.year != YEAR:
            err("%s: dateline year %d != %d" % (fname, d.year, YEAR))
    for s, wd, d in weekday_mentions(text):
        if d.weekday() != wd:
            err("%s: %r but %s is a %s" % (fname, s, d.isoformat(), d.strftime("%A")))

lang_count = Counter(doc_lang.values())
for lg in LANGS:
    if lang_count[lg] != 2:
        err("language %s appears in %d articles (need 2)" % (lg, lang_count[lg]))
for story, pair in STORIES.items():
    ls = [doc_lang.get(d) for d in pair]
    if None in ls or ls[0] == ls[1]:
        err("story %s: articles %s must be in two different languages (%s)" % (story, pair, ls))

# ---------------------------------------------------------------- questions
qpath = os.path.join(HERE, "questions.jsonl")
questions = []
try:
    with open(qpath, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if line.strip():
                questions.append(json.loads(line))
except (OSError, ValueError) as e:
    err("cannot read questions.jsonl: %s" % e)

if len(questions) != 72:
    err("expected 72 questions, found %d" % len(questions))
seen_q = set()
counts = Counter()
for i, qd in enumerate(questions, 1):
    qid = qd.get("id")
    exp_keys = KEY_ORDER + (["topic"] if qd.get("kind") == "none" else [])
    if list(qd.keys()) != exp_keys:
        err("%s: keys %s, expected %s" % (qid, list(qd.keys()), exp_keys))
    if qid != "kq%02d" % i:
        err("line %d: id %r, expected kq%02d" % (i, qid, i))
    lang, kind = qd.get("lang"), qd.get("kind")
    if lang not in LANGS:
        err("%s: bad lang %r" % (qid, lang))
    if kind not in ("mono", "cross", "none"):
        err("%s: bad kind %r" % (qid, kind))
    text = qd.get("question", "")
    if not isinstance(text, str) or not text.strip():
        err("%s: empty question" % qid)
    if text in seen_q:
        err("%s: duplicate question text" % qid)
    seen_q.add(text)
    gold, ans = qd.get("gold_docs"), qd.get("answer_any")
    if not isinstance(gold, list) or not isinstance(ans, list):
        err("%s: gold_docs / answer_any must be lists" % qid)
        continue
    if kind == "none":
        topic = qd.get("topic")
        counts[(lang, "none", topic)] += 1
        if topic not in ("on", "off"):
            err("%s: none question needs topic on/off, got %r" % (qid, topic))
        if gold or ans:
            err("%s: none question must have empty gold_docs and answer_any" % qid)
        continue
    counts[(lang, kind)] += 1
    if not gold or not ans:
        err("%s: %s question needs gold_docs and answer_any" % (qid, kind))
        continue
    bad = [g for g in gold if g not in docs]
    if bad:
        err("%s: unknown gold docs %s" % (qid, bad))
        continue
    if len(set(gold)) != len(gold) or len(set(ans)) != len(ans):
        err("%s: duplicate gold doc or answer string" % qid)
    for a in ans:
        if not a.strip():
            err("%s: empty answer string" % qid)
        elif not any(a.lower() in docs[g].lower() for g in gold):
            err("%s: answer %r occurs in no gold doc %s" % (qid, a, gold))
    for g in gold:
        if not any(a.lower() in docs[g].lower() for a in ans):
            err("%s: gold doc %s holds none of the answer strings" % (qid, g))
    if kind == "mono":
        if not any(doc_lang[g] == lang for g in gold):
            err("%s: mono question has no gold doc in its own language %s" % (qid, lang))
    if kind == "cross":
        for g in gold:
            if doc_lang[g] == lang:
                err("%s: cross question has a gold doc %s in its own language" % (qid, g))
        for d, t in docs.items():
            if doc_lang[d] == lang:
                for a in ans:
                    if a.lower() in t.lower():
                        err("%s: cross answer %r occurs in same-language article %s" % (qid, a, d))

for lg in LANGS:
    for key, n in EXPECTED.items():
        k = (lg,) + (key if isinstance(key, tuple) else (key,))
        if counts[k] != n:
            err("lang %s %s: %d questions, expected %d" % (lg, key, counts[k], n))

# ---------------------------------------------------------------- report
print("articles:")
for did in DOC_IDS:
    if did in docs:
        print("  %s_%s.txt  %d words" % (did, doc_lang[did], word_counts[did]))
print("questions: %d" % len(questions))
for lg in LANGS:
    print("  %s: mono %d, cross %d, none/on %d, none/off %d" % (
        lg, counts[(lg, "mono")], counts[(lg, "cross")],
        counts[(lg, "none", "on")], counts[(lg, "none", "off")]))
if errors:
    print("FAILED (%d problems):" % len(errors))
    for e in errors:
        print("  - " + e)
    sys.exit(1)
print("OK: all checks passed")
