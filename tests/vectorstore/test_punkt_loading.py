"""Punkt loaded without nltk's package (vectorstore/chunking.py) cuts every bundled article and every string of the
eval sets exactly where nltk's own PunktSentenceTokenizer does, and leaves `import nltk` working as before."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import BUNDLED, ROOT, SHARED

COMPARE = """
import json, sys
from vectorstore.chunking import _sentence_tokenizer
texts = json.load(open(sys.argv[1], encoding="utf-8"))
ours = [list(_sentence_tokenizer().span_tokenize(text)) for text in texts]
alone = "nltk" not in sys.modules and "scipy" not in sys.modules and "sklearn" not in sys.modules
import nltk
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
from vectorstore import lexicon
parameters = PunktParameters()
parameters.abbrev_types = set(lexicon.every("abbreviations"))
theirs = [list(PunktSentenceTokenizer(parameters).span_tokenize(text)) for text in texts]
print(json.dumps({"alone": alone, "same": ours == theirs, "sentences": sum(map(len, ours)),
                  "package": hasattr(nltk, "word_tokenize") and hasattr(nltk.tokenize, "punkt")}))
"""


def test_punkt_without_nltks_package_cuts_the_corpus_and_the_eval_sets_as_nltk_does(tmp_path):
    texts = [path.read_text(encoding="utf-8") for path in sorted(BUNDLED.iterdir()) if path.is_file()]
    for questions in [*sorted((ROOT / "eval").glob("*.jsonl")), SHARED / "eval" / "dev.jsonl"]:
        for line in questions.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts += [value for value in json.loads(line).values() if isinstance(value, str)]
    (tmp_path / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", COMPARE, str(tmp_path / "texts.json")], capture_output=True,
                            text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["alone"]  # neither nltk's package nor scipy or scikit-learn were imported for it
    assert outcome["same"] and outcome["sentences"] > 500
    assert outcome["package"]  # nltk imported afterwards is the whole package


BOTH_AT_ONCE = """
import sys, threading, time
from vectorstore import chunking
errors = []

def cut_passages():  # what ingest's reading thread does: its first long paragraph imports nltk's whole package
    try:
        chunking.split_passages(*ARTICLE)
    except Exception as error:
        errors.append(repr(error))

text = "The council met on Monday. " * 60
from vectorstore.cleaning import Block
ARTICLE = (text, [Block(0, len(text))], 40)
reader = threading.Thread(target=cut_passages)
reader.start()
deadline = time.monotonic() + 60
while "nltk" not in sys.modules and reader.is_alive() and time.monotonic() < deadline:
    time.sleep(0.001)
try:  # what the main thread does meanwhile: the sentences of the article before
    sentences = chunking.sentence_spans("Dr. Smith came. He left.", 0)
except Exception as error:
    errors.append(repr(error))
reader.join()
print(errors or len(sentences))
"""


def test_punkt_loads_while_another_thread_imports_nltks_package():
    """`qa ingest` of several files cuts the next file's passages in a thread while this one's sentences are cut:
    both import nltk's modules, and at once they had failed ("cannot import name 'sent_tokenize' from partially
    initialized module 'nltk.tokenize'")."""
    result = subprocess.run([sys.executable, "-c", BOTH_AT_ONCE], capture_output=True, text=True, cwd=ROOT,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "2"  # two sentences, and no error in either thread
