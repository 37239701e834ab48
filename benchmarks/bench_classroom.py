"""How long nbgrader takes to autograde a class, for the whole series, without and with the cache.

Run: .venv/bin/python benchmarks/bench_classroom.py [--students 30] [--modes before after parallel]
[ASSIGNMENT ...]   (default: 10_the_answer, graded with the full class)

"before" grades with the training cache off (nbgrader_config_local.py sets no pre-convert hook),
"after" as `make classroom`'s config does, with tools/grading.py's hook. In a temporary course
directory per mode: `make classroom`'s generator and `nbgrader generate_assignment '*'`; then for
every assignment one `nbgrader autograde` of one reference submission (T1) and one of two more
(T2), so one notebook costs e = T2 - T1 and the rest of a command (nbgrader's start, and with
the cache the reference run) f = T1 - e; a class of N is estimated as f + N e, and the whole
series as the sum over assignments. The named assignments are also graded with N copies of the
reference submission in one command, measured, to check the estimate.

"parallel" is what the teaching guide tells a teacher to run, measured, not estimated: the whole
class of every assignment graded by the course's `python autograde.py ASSIGNMENT` (the cache filled
once, then one `nbgrader autograde` per core), timed from the command's start to its end.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from nbgrader.api import Gradebook  # noqa: E402

from tools.classroom import reference_answers, run_nbgrader, submit, write_course  # noqa: E402
from tools.grading import nbgrader_env  # noqa: E402

NO_HOOK = "c.Autograde.pre_convert_hook = None  # bench_classroom.py: the cache off\n"


def timed_autograde(course: Path, assignment: str, students: str) -> float:
    """Seconds that one `nbgrader autograde` takes for the students matching a glob."""
    start = time.perf_counter()
    run_nbgrader(course, "autograde", assignment, f"--student={students}")
    return time.perf_counter() - start


def scores(course: Path, assignment: str) -> list[float]:
    """Every autograded submission's score for the assignment."""
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return [s.score for s in gradebook.assignment_submissions(assignment)]


def measure(mode: str, students: int, measured: list[str]) -> dict[str, tuple[float, float]]:
    """{assignment: (f, e)} in one mode; prints the measured classes."""
    with tempfile.TemporaryDirectory() as folder:
        course = Path(folder)
        stems = write_course(course)
        if mode == "before":
            (course / "nbgrader_config_local.py").write_text(NO_HOOK)
        run_nbgrader(course, "generate_assignment", "*")
        costs = {}
        for stem in stems:
            answers = reference_answers(stem)
            submit(course, "probe", stem, answers)
            one = timed_autograde(course, stem, "probe")
            submit(course, "pair1", stem, answers)
            submit(course, "pair2", stem, answers)
            two = timed_autograde(course, stem, "pair*")
            costs[stem] = (2 * one - two, two - one)
            print(f"  {mode} {stem}: 1 student {one:.1f} s, 2 students {two:.1f} s", flush=True)
        for stem in measured:
            for i in range(1, students + 1):
                submit(course, f"student{i:02d}", stem, reference_answers(stem))
            seconds = timed_autograde(course, stem, "student*")
            graded = sorted(set(scores(course, stem)))
            f, e = costs[stem]
            print(
                f"  {mode} {stem}: {students} students measured {seconds:.0f} s "
                f"(estimate {f + students * e:.0f} s), scores {graded}",
                flush=True,
            )
    return costs


def measure_parallel(students: int, only: list[str]) -> dict[str, float]:
    """{assignment: seconds} for `python autograde.py` over a whole class of each assignment."""
    seconds = {}
    with tempfile.TemporaryDirectory() as folder:
        course = Path(folder)
        stems = write_course(course)
        run_nbgrader(course, "generate_assignment", "*")
        for stem in only or stems:
            for i in range(1, students + 1):
                submit(course, f"student{i:02d}", stem, reference_answers(stem))
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "autograde.py", stem],
                cwd=course,
                env=nbgrader_env(),
                check=True,
                capture_output=True,
            )
            seconds[stem] = time.perf_counter() - start
            graded = sorted(set(scores(course, stem)))
            print(f"  parallel {stem}: {students} students {seconds[stem]:.0f} s, scores {graded}")
    print(f"{students} students, parallel, all of these: {sum(seconds.values()) / 60:.1f} minutes")
    return seconds


def report(results: dict[str, dict[str, tuple[float, float]]], students: int) -> None:
    """Per assignment: one notebook's cost and the class's estimate in each mode; the series."""
    modes = list(results)
    print(f"\n{'assignment':<26}" + "".join(f"{m + ': per nb, class':>26}" for m in modes))
    totals = dict.fromkeys(modes, 0.0)
    for stem in results[modes[0]]:
        row = f"{stem:<26}"
        for mode in modes:
            f, e = results[mode][stem]
            totals[mode] += f + students * e
            row += f"{e:14.1f} s {f + students * e:7.0f} s"
        print(row)
    for mode in modes:
        print(f"whole series, {students} students, {mode}: about {totals[mode] / 60:.1f} minutes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--modes", nargs="*", default=["before", "after"])
    parser.add_argument("--only", nargs="*", default=[], help="parallel mode: these assignments")
    parser.add_argument("assignments", nargs="*", default=["10_the_answer"])
    args = parser.parse_args()
    results = {
        mode: measure(mode, args.students, args.assignments)
        for mode in args.modes
        if mode != "parallel"
    }
    if results:
        report(results, args.students)
    if "parallel" in args.modes:
        measure_parallel(args.students, args.only)


if __name__ == "__main__":
    main()
