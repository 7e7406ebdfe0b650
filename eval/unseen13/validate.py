#!/usr/bin/env python3
"""Validate the unseen13 evaluation set. Standard library only.

Exits 0 when every check passes, 1 otherwise.
"""
import datetime
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

ARTICLES = {
    "q01": ("q01_sq.txt", "sq", "A"),
    "q02": ("q02_en.txt", "en", "A"),
    "q03": ("q03_tl.txt", "tl", "B"),
    "q04": ("q04_sq.txt", "sq", "B"),
    "q05": ("q05_en.txt", "en", "C"),
    "q06": ("q06_tl.txt", "tl", "C"),
}

WEEKDAYS = {  # Monday = 0
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "sq": ["e hënë", "e martë", "e mërkurë", "e enjte", "e premte", "e shtunë", "e diel"],
    "tl": ["Lunes", "Martes", "Miyerkoles", "Huwebes", "Biyernes", "Sabado", "Linggo"],
}
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December"],
    "sq": ["janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik",
           "gusht", "shtator", "tetor", "nëntor", "dhjetor"],
    "tl": ["Enero", "Pebrero", "Marso", "Abril", "Mayo", "Hunyo", "Hulyo",
           "Agosto", "Setyembre", "Oktubre", "Nobyembre", "Disyembre"],
}

KEYS_ANSWERABLE = {"id", "lang", "kind", "question", "gold_docs", "answer_any"}
KEYS_NONE = KEYS_ANSWERABLE | {"topic"}

errors = []


def fail(msg):
    errors.append(msg)


def check_articles():
    texts = {}
    for doc, (fname, lang, story) in sorted(ARTICLES.items()):
        path = os.path.join(HERE, fname)
        if not os.path.isfile(path):
            fail("%s: missing file" % fname)
            continue
        with open(path, "rb") as f:
            raw = f.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            fail("%s: not UTF-8 (%s)" % (fname, e))
            continue
        if "\r" in text:
            fail("%s: contains CR characters" % fname)
        texts[doc] = text
        lines = text.rstrip("\n").split("\n")
        if len(lines) < 5:
            fail("%s: too few lines" % fname)
            continue
        headline, dateline = lines[0], lines[1]
        if not headline.strip() or headline != headline.strip():
            fail("%s: bad headline line" % fname)
        if lines[2] != "":
            fail("%s: line 3 must be blank" % fname)
        body = lines[3:]
        if body[0] == "":
            fail("%s: body must start right after one blank line" % fname)
        for i in range(1, len(body)):
            if body[i] == "" and body[i - 1] == "":
                fail("%s: double blank line near body line %d" % (fname, i + 4))
        if body[-1] == "":
            fail("%s: trailing blank line" % fname)
        paras = [p for p in "\n".join(body).split("\n\n")]
        if len(paras) < 4:
            fail("%s: fewer than 4 paragraphs" % fname)
        for p in paras:
            if "\n" in p:
                fail("%s: paragraph contains a single line break: %r" % (fname, p[:40]))
            if p != p.strip() or not p:
                fail("%s: paragraph with surrounding whitespace" % fname)
        # word count (whole file and body only must both be in range)
        n_all = len(text.split())
        n_body = len("\n".join(body).split())
        for label, n in (("words", n_all), ("body words", n_body)):
            if not 330 <= n <= 420:
                fail("%s: %s %d outside 330-420" % (fname, label, n))
        # dateline: "Place, weekday, day month year"
        parts = dateline.split(", ")
        if len(parts) < 3:
            fail("%s: dateline has too few parts: %r" % (fname, dateline))
            continue
        place, wd, dmy = ", ".join(parts[:-2]), parts[-2], parts[-1]
        m = re.fullmatch(r"(\d{1,2}) (\S+) (\d{4})", dmy)
        if not place.strip():
            fail("%s: dateline has no place" % fname)
        if not m:
            fail("%s: cannot parse date %r" % (fname, dmy))
            continue
        day, mon, year = int(m.group(1)), m.group(2), int(m.group(3))
        if mon not in MONTHS[lang]:
            fail("%s: month %r is not a %s month name" % (fname, mon, lang))
            continue
        try:
            date = datetime.date(year, MONTHS[lang].index(mon) + 1, day)
        except ValueError as e:
            fail("%s: invalid date %r (%s)" % (fname, dmy, e))
            continue
        if wd not in WEEKDAYS[lang]:
            fail("%s: weekday %r is not a %s weekday name" % (fname, wd, lang))
        elif WEEKDAYS[lang].index(wd) != date.weekday():
            fail("%s: %s is a %s, not %r" % (fname, date.isoformat(),
                                             WEEKDAYS[lang][date.weekday()], wd))
    return texts


def check_questions(texts):
    path = os.path.join(HERE, "questions.jsonl")
    if not os.path.isfile(path):
        fail("questions.jsonl missing")
        return
    recs = []
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                fail("questions.jsonl line %d: blank line" % ln)
                continue
            try:
                recs.append(json.loads(line))
            except json.JSONDecodeError as e:
                fail("questions.jsonl line %d: bad JSON (%s)" % (ln, e))
    if len(recs) != 72:
        fail("expected 72 questions, found %d" % len(recs))
    ids = [r.get("id") for r in recs]
    if len(set(ids)) != len(ids):
        fail("duplicate ids")
    if sorted(i for i in ids if isinstance(i, str)) != ["rq%02d" % i for i in range(1, 73)]:
        fail("ids are not exactly rq01..rq72")
    if ids != ["rq%02d" % i for i in range(1, len(ids) + 1)]:
        fail("ids not in file order rq01..")

    lang_of = {d: v[1] for d, v in ARTICLES.items()}
    counts = {}
    casual = 0
    seen_q = set()
    for r in recs:
        rid = r.get("id", "?")
        kind = r.get("kind")
        want = KEYS_NONE if kind == "none" else KEYS_ANSWERABLE
        if set(r) != want:
            fail("%s: keys %s, expected %s" % (rid, sorted(r), sorted(want)))
            continue
        lang, q, gold, ans = r["lang"], r["question"], r["gold_docs"], r["answer_any"]
        if lang not in ("en", "sq", "tl"):
            fail("%s: bad lang %r" % (rid, lang))
            continue
        if kind not in ("mono", "cross", "none"):
            fail("%s: bad kind %r" % (rid, kind))
            continue
        if not isinstance(q, str) or not q.strip():
            fail("%s: empty question" % rid)
            continue
        if q in seen_q:
            fail("%s: duplicate question text" % rid)
        seen_q.add(q)
        if not isinstance(gold, list) or not isinstance(ans, list):
            fail("%s: gold_docs/answer_any must be lists" % rid)
            continue
        counts[(lang, kind)] = counts.get((lang, kind), 0) + 1
        is_casual = q == q.lower() and not q.rstrip().endswith("?")
        if is_casual:
            casual += 1
            if lang == "sq" and re.search("[ëçËÇ]", q):
                fail("%s: casual Albanian question keeps diacritics" % rid)
        elif not q.endswith("?"):
            fail("%s: non-casual question should end with '?'" % rid)

        if kind == "none":
            if gold or ans:
                fail("%s: none question must have empty gold_docs and answer_any" % rid)
            if r.get("topic") != "on":
                fail("%s: none question must have topic 'on'" % rid)
            continue

        if len(gold) != 1 or gold[0] not in texts:
            fail("%s: gold_docs must name exactly one existing article: %r" % (rid, gold))
            continue
        g = gold[0]
        if kind == "mono" and lang_of[g] != lang:
            fail("%s: mono question in %s but gold %s is %s" % (rid, lang, g, lang_of[g]))
        if kind == "cross" and lang_of[g] == lang:
            fail("%s: cross question in %s but gold %s is also %s" % (rid, lang, g, lang))
        if not 1 <= len(ans) <= 3:
            fail("%s: need 1-3 answers, got %d" % (rid, len(ans)))
        if len(set(ans)) != len(ans):
            fail("%s: duplicate answer strings" % rid)
        for a in ans:
            if not isinstance(a, str) or not a.strip():
                fail("%s: empty answer string" % rid)
                continue
            if a not in texts[g]:
                fail("%s: answer %r not verbatim in %s" % (rid, a, g))
            # the answer must be held by the gold article only
            for d, t in texts.items():
                if d != g and a in t:
                    fail("%s: answer %r also appears in %s" % (rid, a, d))
            if kind == "cross":
                for d, t in texts.items():
                    if lang_of[d] == lang and a in t:
                        fail("%s: cross answer %r appears in %s-language article %s"
                             % (rid, a, lang, d))

    for lang in ("en", "sq", "tl"):
        tot = sum(counts.get((lang, k), 0) for k in ("mono", "cross", "none"))
        if tot != 24:
            fail("%s: %d questions, expected 24" % (lang, tot))
        for k, n in (("mono", 6), ("cross", 12), ("none", 6)):
            if counts.get((lang, k), 0) != n:
                fail("%s/%s: %d questions, expected %d" % (lang, k, counts.get((lang, k), 0), n))
    if not 14 <= casual <= 22:
        fail("casual questions: %d, expected about a quarter of 72" % casual)
    return counts, casual


def main():
    texts = check_articles()
    res = check_questions(texts)
    for doc, (fname, lang, story) in sorted(ARTICLES.items()):
        if doc in texts:
            print("%s %s story %s: %d words" % (fname, lang, story, len(texts[doc].split())))
    if res:
        counts, casual = res
        for lang in ("en", "sq", "tl"):
            print("%s: mono %d, cross %d, none %d" % (
                lang, counts.get((lang, "mono"), 0), counts.get((lang, "cross"), 0),
                counts.get((lang, "none"), 0)))
        print("casual questions: %d" % casual)
    if errors:
        print("\nFAILED (%d problems):" % len(errors))
        for e in errors:
            print("  - " + e)
        sys.exit(1)
    print("\nOK: all checks passed")


if __name__ == "__main__":
    main()
