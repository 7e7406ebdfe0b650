"""How well follow-up questions are answered: eval/followups.jsonl's conversations, turn by turn.

    python bench/followups.py [FILE]    # QA_INDEX_DIR picks the index (built from the bundled articles if empty)

Each conversation's first question stands alone; every later turn is a follow-up ("Who gave them to him?"),
asked with the conversation so far as `history`, and counted: is one of its answer strings in the answer
(hit), in the answer's first sentence (first), or did the assistant abstain. The baseline, in the same run,
asks each follow-up as one question made of the conversation's questions (`qa.history.standalone_question`),
which is how follow-ups were answered before they were also searched on their own words. The first 14
conversations chose the follow-up settings (`Settings.follow_up_own_search`, `AnswerPolicy.follow_up_weight`);
the last 14 were written after, to check them.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import qa
from qa.history import standalone_question
from qa.types import CITATION

ROOT = Path(__file__).resolve().parent.parent
CHOSEN_ON = 14  # conversations the settings were chosen on; the rest check them


def first_sentence(text: str) -> str:
    marker = CITATION.search(text)
    return text[: marker.end()] if marker else text


def found(strings: list[str], text: str) -> bool:
    return any(s.lower() in text.lower() for s in strings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=ROOT / "eval" / "followups.jsonl", type=Path)
    path = parser.parse_args().file
    conversations = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    tallies = {(way, part): [0, 0, 0, 0] for part in ("chosen on", "check") for way in ("as shipped", "baseline")}
    for number, conversation in enumerate(conversations):
        part = "chosen on" if number < CHOSEN_ON else "check"
        history: list[tuple[str, str]] = []
        for turn in conversation["turns"]:
            question = turn["question"]
            if history:
                shipped = qa.query(question, history=history)
                baseline = qa.query(standalone_question(question, history))
                for way, answer in (("as shipped", shipped), ("baseline", baseline)):
                    tally = tallies[(way, part)]
                    tally[0] += 1
                    tally[1] += found(turn["answer_any"], answer.text)
                    tally[2] += found(turn["answer_any"], first_sentence(answer.text))
                    tally[3] += answer.abstained
                mark = "".join(c if found(turn["answer_any"], t) else "-" for c, t in
                               (("H", shipped.text), ("F", first_sentence(shipped.text))))
                print(f"{conversation['id']} {mark} {question} -> {first_sentence(shipped.text)[:90]}")
            else:
                shipped = qa.query(question)
            history.append((question, shipped.text))
    print("\n| follow-ups | way | answer hit | first sentence | abstained |\n| --- | --- | --- | --- | --- |")
    for (way, part), (turns, hits, firsts, abstained) in tallies.items():
        print(f"| {turns} ({part}) | {way} | {hits} | {firsts} | {abstained} |")


if __name__ == "__main__":
    main()
