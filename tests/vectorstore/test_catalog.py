import subprocess
import sys

from vectorstore.catalog import MAX_QUERY_GRAMS, query_grams

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
LONG_QUESTION = (
    "Apart from missiles and drones, which officials, generals, ministers, analysts and reporters from "
    "Russia, China, Japan and both Koreas spoke about the train, the summit, the factory, the frigate, "
    "the bombers and the theatre during the visit to Vladivostok and the cosmodrome?"
)


def grams_in_a_new_process(hash_seed: str) -> str:
    code = f"from vectorstore.catalog import query_grams; print(query_grams({LONG_QUESTION!r}))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={"PYTHONHASHSEED": hash_seed, "PATH": ""}, check=True)
    return result.stdout


def test_a_long_question_searches_the_same_grams_in_every_process():
    # More grams than the limit: which ones are kept must not depend on Python's string hashing,
    # or the same question ranks passages differently from one run to the next.
    assert len(query_grams(LONG_QUESTION, limit=None)) > MAX_QUERY_GRAMS
    assert grams_in_a_new_process("1") == grams_in_a_new_process("2") == grams_in_a_new_process("3")


def test_longer_words_keep_their_grams_under_the_limit():
    grams = query_grams(LONG_QUESTION)
    assert len(grams) == MAX_QUERY_GRAMS
    assert grams[:3] == ["vla", "lad", "adi"]  # "vladivostok", the longest word, comes first
    assert "rom" in grams and "ome" in grams  # and the ten-letter "cosmodrome" is kept whole
