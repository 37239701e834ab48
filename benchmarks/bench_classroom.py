"""How long nbgrader takes to autograde a class: N copies of a submission, and the whole series.

Run: .venv/bin/python benchmarks/bench_classroom.py [--students 30] [ASSIGNMENT ...]
(default: 02_softmax_model). In a temporary course directory: `make classroom`'s generator,
`nbgrader generate_assignment '*'`, then one reference submission of every assignment graded
on its own (one `nbgrader autograde` each: the time of one student), then N copies of the
reference submission of each named assignment graded in one command, as a teacher grades a
class. One command costs its start s plus e_A per notebook of assignment A:
T1 = s + e and TN = s + N e give s and e for the named assignments, and e_A = T1_A - s for the
rest, so the whole series for N students is estimated as the sum of s + N e_A.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from nbgrader.api import Gradebook  # noqa: E402

from tools.classroom import reference_answers, run_nbgrader, submit, write_course  # noqa: E402


def timed_autograde(course: Path, assignment: str, students: str) -> float:
    """Seconds that one `nbgrader autograde` takes for the students matching a glob."""
    start = time.perf_counter()
    run_nbgrader(course, "autograde", assignment, f"--student={students}")
    return time.perf_counter() - start


def scores(course: Path, assignment: str) -> list[float]:
    """Every autograded submission's score for the assignment."""
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return [s.score for s in gradebook.assignment_submissions(assignment)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("assignments", nargs="*", default=["02_softmax_model"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        course = Path(folder)
        stems = write_course(course)
        start = time.perf_counter()
        run_nbgrader(course, "generate_assignment", "*")
        print(f"generate_assignment, all {len(stems)}: {time.perf_counter() - start:.1f} s")
        one = {}
        for stem in stems:
            submit(course, "probe", stem, reference_answers(stem))
            one[stem] = timed_autograde(course, stem, "probe")
        class_time = {}
        for stem in args.assignments:
            for i in range(1, args.students + 1):
                submit(course, f"student{i:02d}", stem, reference_answers(stem))
            class_time[stem] = timed_autograde(course, stem, "student*")
            graded = scores(course, stem)
            print(f"{stem}: {len(graded)} submissions graded, scores {sorted(set(graded))}")
        report(one, class_time, args.students)


def report(one: dict[str, float], class_time: dict[str, float], students: int) -> None:
    """One student's time per assignment, the class's, and the estimate for the series."""
    per_notebook = {s: (class_time[s] - one[s]) / (students - 1) for s in class_time}
    start = sum(one[s] - per_notebook[s] for s in class_time) / len(class_time)
    print(f"\none nbgrader command starts in about {start:.1f} s")
    print(f"{'assignment':<28} {'1 student':>10} {'per notebook':>13} {students:>4} students")
    series = 0.0
    for stem, seconds in one.items():
        each = per_notebook.get(stem, seconds - start)
        estimate = start + students * each
        measured = f"(measured: {class_time[stem]:.0f} s)" if stem in class_time else ""
        series += estimate
        print(f"{stem:<28} {seconds:9.1f}s {each:12.1f}s {estimate:7.0f} s {measured}")
    print(f"whole series, {students} students: about {series / 60:.0f} minutes on this machine")


if __name__ == "__main__":
    main()
