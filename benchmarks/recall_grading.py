"""How far the recall matcher can be trusted, measured on typed answers written apart from the banks.

    python benchmarks/recall_grading.py answers.yaml

answers.yaml holds, per question id, right answers and wrong ones with the key points (1 = first) each wrong one
states wrongly (the format of benchmarks/recall_answers_2026-12.yaml). Prints the four measures the team tracks:
right answers suggested good or better (goal ≥ 95%), wrong answers suggested good or better (≤ 3%), key points
ticked ✓ that a wrong answer states wrongly (≤ 10%), and key points ticked by the bare prompt typed back (0), plus
the worst offenders so a person can look at them. Nothing here tunes anything.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drill.banks import load_banks  # noqa: E402
from drill.matching import judge_answer, suggest_rating  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("answers", type=Path)
    parser.add_argument("--show", type=int, default=10, help="how many misjudged answers to print")
    args = parser.parse_args()
    questions = {q.id: q for q in load_banks().questions}
    data = yaml.safe_load(args.answers.read_text(encoding="utf-8"))
    right_ok = right_n = wrong_good = wrong_n = ticked_wrong = wrong_points = 0
    missed_right: list[str] = []
    passed_wrong: list[str] = []
    for entry in data["answers"]:
        question = questions.get(entry["id"])
        if question is None:
            print(f"skipped {entry['id']}: no such question in the banks")
            continue
        for answer in entry["right"]:
            right_n += 1
            verdicts = judge_answer(question, answer)
            if (suggest_rating(verdicts) or 0) >= 3:
                right_ok += 1
            else:
                states = " ".join({"covered": "✓", "missed": "✗", "contradicted": "⚠"}[v.status] for v in verdicts)
                missed_right.append(f"{question.id} [{states}]: {answer[:140]}")
        for wrong in entry["wrong"]:
            wrong_n += 1
            verdicts = judge_answer(question, wrong["answer"])
            if (suggest_rating(verdicts) or 0) >= 3:
                wrong_good += 1
                passed_wrong.append(f"{question.id}: {wrong['answer'][:160]}")
            for number in wrong["wrong_points"]:
                wrong_points += 1
                ticked_wrong += verdicts[number - 1].status == "covered"
    echo_ticks = echo_points = 0
    for question in questions.values():
        if question.type == "recall" and question.key_points:
            echo_points += len(question.key_points)
            echo_ticks += sum(v.status == "covered" for v in judge_answer(question, question.prompt))
    print(f"right answers suggested good or better   {right_ok}/{right_n} ({100 * right_ok / right_n:.0f}%)   goal ≥ 95%")
    print(f"wrong answers suggested good or better   {wrong_good}/{wrong_n} ({100 * wrong_good / wrong_n:.0f}%)   goal ≤ 3%")
    print(f"points a wrong answer gets wrong, ticked {ticked_wrong}/{wrong_points} "
          f"({100 * ticked_wrong / max(wrong_points, 1):.0f}%)   goal ≤ 10%")
    print(f"points ticked by the bare prompt         {echo_ticks}/{echo_points}   goal 0")
    for title, rows in (("right answers not suggested good", missed_right), ("wrong answers suggested good", passed_wrong)):
        if rows and args.show:
            print(f"\n{title} (first {min(args.show, len(rows))} of {len(rows)}):")
            for row in rows[: args.show]:
                print("  " + row)


if __name__ == "__main__":
    main()
