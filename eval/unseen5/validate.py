"""Validate the unseen5 articles and questions.jsonl (checks only; modifies nothing)."""
import json, re, subprocess, sys
from collections import Counter

DOCS = {"a01": "a01_sq.txt", "a02": "a02_en.txt", "a03": "a03_tl.txt",
        "a04": "a04_en.txt", "a05": "a05_sq.txt", "a06": "a06_tl.txt"}
LANG = {d: f[4:6] for d, f in DOCS.items()}
STORY = {"a01": 1, "a02": 1, "a03": 2, "a04": 2, "a05": 3, "a06": 3}
TEXT = {d: open(f, encoding="utf-8").read() for d, f in DOCS.items()}
LOW = {d: t.lower() for d, t in TEXT.items()}
errors = []
def err(m): errors.append(m)

# ---- articles: format and length
for d, f in DOCS.items():
    lines = TEXT[d].rstrip("\n").split("\n")
    if lines[1] != "": err(f"{f}: line 2 not blank")
    paras = TEXT[d].rstrip("\n").split("\n\n")
    if len(paras) != 7: err(f"{f}: expected headline + 6 paragraphs, got {len(paras)} blocks")
    if not re.match(r"^[A-ZËÇ ]+, (\d+ \w+|\w+ \d+) – ", paras[1]): err(f"{f}: dateline format")
    wc = int(subprocess.run(["wc", "-w", f], capture_output=True, text=True).stdout.split()[0])
    if not 300 <= wc <= 380: err(f"{f}: {wc} words")
    print(f"{f}: {wc} words (wc -w), {len(paras)-1} paragraphs")

# ---- questions
KEYS = ["id", "lang", "kind", "question", "gold_docs", "answer_any"]
raw = open("questions.jsonl", encoding="utf-8").read().splitlines()
if len(raw) != 72: err(f"{len(raw)} lines")
rows = [json.loads(l) for l in raw]
cnt = Counter()
for i, r in enumerate(rows, 1):
    keys = list(r)
    exp = KEYS + (["topic"] if r["kind"] == "none" else [])
    if keys != exp: err(f"{r.get('id')}: key order {keys}")
    if r["id"] != f"yq{i:02d}": err(f"line {i}: id {r['id']}")
    lang, kind, gd, ans = r["lang"], r["kind"], r["gold_docs"], r["answer_any"]
    cnt[(lang, kind + ("/" + r["topic"] if kind == "none" else ""))] += 1
    if kind == "none":
        if gd or ans: err(f"{r['id']}: none with gold/answers")
        if r["topic"] not in ("on", "off"): err(f"{r['id']}: topic")
        continue
    if not 1 <= len(ans) <= 3: err(f"{r['id']}: {len(ans)} answers")
    for a in ans:
        if not 1 <= len(a.split()) <= 4: err(f"{r['id']}: answer length '{a}'")
        if not any(a.lower() in LOW[d] for d in gd): err(f"{r['id']}: '{a}' not in gold {gd}")
    stories = {STORY[d] for d in gd}
    if len(stories) != 1: err(f"{r['id']}: gold docs span stories")
    s = stories.pop()
    story_docs = [d for d in DOCS if STORY[d] == s]
    others = [d for d in story_docs if d not in gd]
    hit = lambda d: [a for a in ans if a.lower() in LOW[d]]
    if kind == "cross":
        if any(LANG[d] == lang for d in gd): err(f"{r['id']}: cross gold in question lang")
        for d in story_docs:
            if LANG[d] == lang and hit(d): err(f"{r['id']}: cross answer {hit(d)} in same-lang {d}")
        for d in others:
            if hit(d): err(f"{r['id']}: cross answer {hit(d)} also in non-gold {d}")
    elif kind == "mono":
        if len(gd) != 1 or LANG[gd[0]] != lang: err(f"{r['id']}: mono gold lang")
        for d in others:
            if hit(d): err(f"{r['id']}: mono answer {hit(d)} in other article {d}")
    elif kind == "multi":
        if sorted(gd) != sorted(story_docs): err(f"{r['id']}: multi gold must be both story docs")
        if not any(LANG[d] == lang for d in gd): err(f"{r['id']}: multi without question-lang doc")
        for d in gd:
            if not hit(d): err(f"{r['id']}: multi gold {d} has no answer string")
    else:
        err(f"{r['id']}: kind {kind}")

want = {"cross": 8, "mono": 4, "multi": 4, "none/on": 6, "none/off": 2}
print("\ncounts:")
for lang in ("en", "sq", "tl"):
    row = {k: cnt[(lang, k)] for k in want}
    print(lang, row, "total", sum(row.values()))
    for k, v in want.items():
        if row[k] != v: err(f"{lang} {k}: {row[k]} != {v}")

# ---- none/on: grep all six articles for the key words of each question (reviewed by hand)
NONE_KW = {
 "Who is Vjollca Marku married to?": ["married", "husband", "wife", "bashkëshort", "burr", "asawa"],
 "How much does a ticket to the Drinaj Ethnographic Museum cost?": ["ticket", "bilet", "tiket", "lekë", "entry", "hyrj"],
 "What is the name of KATELCO's general manager?": ["general manager", "manager", "menaxher"],
 "Which university do the Bagwis team members plan to attend?": ["universit", "kolehiyo", "college"],
 "Which airline flew the Bagwis team to Albania?": ["airline", "eroplano", "flight", "fluturim", "airways", "air ", "biyahe"],
 "What score did the Albanian team Shqiponja Dixhitale get in the RoboSfida final?": ["Shqiponja", "pikë", "puntos", "iskor", "score"],
 "Sa vjeç është drejtoresha Vjollca Marku?": ["vjeç", "vjeçare", "taong gulang", "years old", "aged"],
 "Kush e ka projektuar Arenën Gurishta?": ["projekt", "arkitekt", "architect", "design", "Gurishta\""],
 "Sa ton peshon secila turbinë e parkut të erës Talampas?": ["ton", "tonel", "weigh", "timbang", "pesh"],
 "Në cilin hotel qëndroi skuadra Bagwis gjatë garës në Gurishtë?": ["hotel", "tirahan", "akomod"],
 "Sa kilometra larg detit ndodhet parku i erës Talampas?": ["kilomet", "km", "baybayin", "coast", "dagat", "sea"],
 "Çfarë marke ishte furgoni gri që u filmua pranë muzeut të Drinajt?": ["van", "furgon", "marka", "brand", "model"],
 "Sino ang asawa ni Mayor Rosalinda Dimaculangan?": ["asawa", "husband", "married", "mister"],
 "Magkano ang sahod ng mga technician sa Talampas Wind Farm?": ["sahod", "suweldo", "salary", "wage", "technician", "pay"],
 "Ilang taon na si Joshua Dizon?": ["Dizon", "taong gulang", "vjeç"],
 "Anong oras nagsimula ang finals ng RoboSfida 2026?": ["alas", "ora ", "orën", ":", "finals", "finale"],
 "Sino ang arkitekto ng lumang tore na kinalalagyan ng museo sa Drinaj?": ["architect", "arkitekt", "tower", "kull", "built", "ndërt"],
 "Ilang taon nang naglilingkod sa pulisya si Gentian Hasa?": ["Hasa", "vitesh", "years"],
}
print("\nnone/on keyword hits (review by hand: none of these may answer the question):")
on_qs = [r["question"] for r in rows if r["kind"] == "none" and r["topic"] == "on"]
for q in on_qs:
    if q not in NONE_KW: err(f"no keyword list for: {q}"); continue
    print(f"\n? {q}")
    for kw in NONE_KW[q]:
        for d in DOCS:
            for m in re.finditer(re.escape(kw.lower()), LOW[d]):
                s = TEXT[d][max(0, m.start()-60): m.end()+60].replace("\n", " ")
                print(f"   [{d}] {kw!r}: …{s}…")

print("\nERRORS:" if errors else "\nALL CHECKS PASSED")
for e in errors: print("  -", e)
sys.exit(1 if errors else 0)
