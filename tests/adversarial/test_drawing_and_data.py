"""Issue 18, tried as a careless learner and a tampered front end would: the drawing (07),
the pad, notebook 06's maps and the data files (01). Each case is refused in one sentence
or gives a result checked right here; nothing hangs.

`python -m tests.adversarial.test_drawing_and_data` prints the count of each outcome
(refused, silent and correct, silent and wrong, raw, hang) over the same cases.
"""

from __future__ import annotations

import gzip
import math
import os
import shutil
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from helpers import (
    drawing_lab,
    evidence_map,
    example_drawing,
    load_mnist,
    map_correlations,
    mean_difference_maps,
    plot_drawing,
    read_drawing,
    render_strokes,
    settling_steps,
    to_mnist,
    verify_data_files,
)
from helpers.data import (
    DATA_DIR,
    SHA256,
    DataDamagedError,
    DataFileError,
    DataMissingError,
    DataUnreadableError,
    read_verified,
)
from tests.adversarial.harness import Outcome, assert_refused, outcome, says_it

DATA_ERRORS = (DataFileError, DataMissingError, DataUnreadableError, DataDamagedError)

W, b = np.zeros((784, 10)), np.zeros(10)
W[:, 1] = np.linspace(-1, 1, 784)  # a model whose reading of "one" is not a tie
HUGE_STROKE = [[[1.5, 2.5]] * 3_000_000]  # the payload: 3 million points
MANY_STROKES = [[[140.0, 140.0]]] * 5_000


def _canvas_with(value: float) -> np.ndarray:
    canvas = np.zeros((280, 280))
    canvas[100, 100] = value
    return canvas


# A front end's update, as ipywidgets receives it on the widget's comm.
def _update(strokes: object) -> dict:
    return {"content": {"data": {"method": "update", "state": {"strokes": strokes}}}, "buffers": []}


def _pad_update(payload: object) -> None:
    """Send payload as the front end would; raise the refusal only if the pad kept its drawing."""
    lab = drawing_lab(W, b)
    lab.load("one")
    before = (lab.drawing(), lab.reading().probabilities.tolist())
    try:
        lab.pad.set_state({"strokes": payload})  # raises the refusal, as the kernel logs it
    except Exception:  # not the harness's alarm: after a hang, nothing more is tried
        _comm_path(lab, payload, before)
        raise
    _comm_path(lab, payload, before)


def _comm_path(lab, payload: object, before: tuple) -> None:
    """The update through the comm itself, which logs a refusal and never raises: kept?"""
    lab.pad._handle_msg(_update(payload))
    after = (lab.drawing(), lab.reading().probabilities.tolist())
    if after != before:
        raise AssertionError(f"the pad kept a drawing it refused: {str(after)[:80]}")


PAD_PAYLOADS = {
    "null": None,
    "a null stroke": [None],
    "a null point": [[None]],
    "a 3-number point": [[[1, 2, 3]]],
    "a point outside the canvas": [[[400, 1]]],
    "a point far outside the canvas": [[[10**20, 5]]],
    "an empty stroke": [[]],
    "NaN": [[[math.nan, 1]]],
    "infinity": [[[math.inf, 1]]],
    "a string": "abc",
    "strings as points": [["ab"]],
    "booleans as a point": [[[True, False]]],
    "a stroke of 3 million points": HUGE_STROKE,
    "5,000 strokes": MANY_STROKES,
}
PAD_SAYS = {
    "null": "list of strokes",
    "a point outside the canvas": "inside the 280 x 280 canvas",
    "a point far outside the canvas": "got (1e+20, 5), outside it",
    "an empty stroke": "got an empty stroke",
    "NaN": "got NaN",
    "infinity": "got (inf, 1), outside it",
    "a stroke of 3 million points": "at most 50,000 points",
    "5,000 strokes": "at most 1,000 strokes",
}


def _lab_load(drawing: object) -> None:
    """lab.load(drawing): refused, and the drawing shown before stays."""
    lab = drawing_lab(W, b)
    lab.load("one")
    try:
        lab.load(drawing)
    finally:
        assert lab.drawing() == example_drawing("one"), "load kept part of a refused drawing"


def _folder_with(tmp: Path, name: str, make) -> Path:
    """A data folder of links to the real files, with `name` replaced by what make(path) puts."""
    folder = tmp / f"data-{len(list(tmp.iterdir()))}"
    folder.mkdir()
    for other in SHA256:
        (folder / f"{other}.gz").symlink_to(DATA_DIR / f"{other}.gz")
    (folder / f"{name}.gz").unlink()
    make(folder / f"{name}.gz")
    return folder


def _bomb(path: Path, megabytes: int = 20) -> None:
    """A small gzip that inflates to `megabytes` of zeros, far past any MNIST file's size."""
    with gzip.open(path, "wb", compresslevel=9) as out:
        for _ in range(megabytes):
            out.write(bytes(1 << 20))


def _bomb_read_with_small_memory(tmp: Path) -> None:
    """read_verified on a 20 MB bomb named as the test labels (10,008 bytes): refused, small."""
    path = _folder_with(tmp, "t10k-labels-idx1-ubyte", _bomb) / "t10k-labels-idx1-ubyte.gz"
    tracemalloc.start()
    try:
        read_verified(path)
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert peak < 2e6, f"the bomb took {peak / 1e6:.0f} MB to refuse"


DATA_CASES = [
    "a FIFO in place of a data file (load_mnist)",
    "a FIFO (verify_data_files)",
    "/dev/zero in place of a data file",
    "a folder in place of a data file",
    "a gzip bomb",
    "a gzip bomb, with small memory",
    "data_dir a number",
]


DATA = "helpers.data"
NOT_REGULAR, TOO_BIG = (DATA, "file_not_regular"), (DATA, "file_too_big")


def _data_cases(tmp: Path) -> dict:
    """name: (call, what the sentence says) for damaged data folders made in tmp."""
    fifo = _folder_with(tmp, "train-images-idx3-ubyte", os.mkfifo)
    device = _folder_with(tmp, "train-images-idx3-ubyte", lambda p: p.symlink_to("/dev/zero"))
    folder = _folder_with(tmp, "train-images-idx3-ubyte", lambda p: p.mkdir())
    bomb = _folder_with(tmp, "t10k-labels-idx1-ubyte", _bomb)
    return {
        "a FIFO in place of a data file (load_mnist)": (lambda: load_mnist(fifo), NOT_REGULAR),
        "a FIFO (verify_data_files)": (lambda: verify_data_files(fifo), NOT_REGULAR),
        "/dev/zero in place of a data file": (lambda: load_mnist(device), NOT_REGULAR),
        "a folder in place of a data file": (lambda: load_mnist(folder), (DATA, "file_is_folder")),
        "a gzip bomb": (lambda: verify_data_files(bomb), TOO_BIG),
        "a gzip bomb, with small memory": (lambda: _bomb_read_with_small_memory(tmp), TOO_BIG),
        "data_dir a number": (lambda: load_mnist(5), (DATA, "data_dir_type")),
    }


INPUTS = "helpers._inputs"
CORRELATIONS = np.tile(np.linspace(0.5, 1, 4)[:, None], (1, 10))
STEPS = np.array([1, 2, 5, 10])

# name: (call, what the sentence says)
REFUSED = {
    **{
        f"pad: {name}": (lambda p=payload: _pad_update(p), PAD_SAYS.get(name, "strokes"))
        for name, payload in PAD_PAYLOADS.items()
    },
    "lab.load(None)": (lambda: _lab_load(None), "list of strokes"),
    "lab.load(a 3-number point)": (lambda: _lab_load([[(1, 2, 3)]]), "strokes[0]"),
    "lab.load(3 million points)": (lambda: _lab_load(HUGE_STROKE), "at most 50,000 points"),
    "lab.load(an unknown example)": (lambda: _lab_load("eight"), "name to be one of"),
    "render_strokes(a point far outside)": (
        lambda: render_strokes([[(1e30, 5)]]),
        "inside the 280 x 280 canvas",
    ),
    "render_strokes(10**400)": (lambda: render_strokes([[(10**400, 5)]]), "outside it"),
    "render_strokes(3 million points)": (lambda: render_strokes(HUGE_STROKE), "50,000 points"),
    "render_strokes(5,000 strokes)": (lambda: render_strokes(MANY_STROKES), "1,000 strokes"),
    "to_mnist(ink that underflows float32)": (
        lambda: to_mnist(_canvas_with(1e-50)),
        "The canvas is blank",
    ),
    "to_mnist(NaN)": (lambda: to_mnist(_canvas_with(math.nan)), (INPUTS, "not_finite")),
    "to_mnist(a list)": (lambda: to_mnist([[0.5] * 280] * 280), "canvas to be"),
    "evidence_map((16, 49))": (
        lambda: evidence_map(np.zeros((16, 49)), W, 0),
        "(28, 28) or (784,)",
    ),
    "evidence_map((784, 1))": (lambda: evidence_map(np.zeros((784, 1)), W, 0), "(28, 28)"),
    "evidence_map(k=1.0)": (lambda: evidence_map(np.zeros(784), W, 1.0), "k (a class)"),
    "read_drawing(W transposed)": (lambda: read_drawing([[(1, 2)]], W.T, b), "transpose"),
    "plot_drawing(compare='1')": (
        lambda: plot_drawing(example_drawing("one"), W, b, compare="1"),
        "compare (a class)",
    ),
    "example_drawing(5)": (lambda: example_drawing(5), "name to be one of"),
    "drawing_lab(compare=1.5)": (lambda: drawing_lab(W, b, compare=1.5), "compare (a class)"),
    # Issue 18: settling_steps(..., "0.9") raised numpy's UFuncTypeError.
    "settling_steps(threshold '0.9')": (
        lambda: settling_steps(CORRELATIONS, STEPS, "0.9"),
        "threshold to be one number",
    ),
    "settling_steps(NaN correlations)": (
        lambda: settling_steps(np.full((4, 10), np.nan), STEPS),
        (INPUTS, "not_finite"),
    ),
    "settling_steps(a list)": (lambda: settling_steps(CORRELATIONS.tolist(), STEPS), "array"),
    "map_correlations(NaN snapshots)": (
        lambda: map_correlations(np.full((2, 784, 10), np.nan), W),
        (INPUTS, "weights_not_finite"),
    ),
    "map_correlations(strings)": (
        lambda: map_correlations(np.full((2, 784, 10), "a"), W),
        "W_snapshots",
    ),
    "mean_difference_maps(float labels)": (
        lambda: mean_difference_maps(np.zeros((10, 784)), np.arange(10.0)),
        (INPUTS, "labels_type"),
    ),
}


@pytest.mark.parametrize("name", REFUSED)
def test_refused_in_one_sentence(name):
    call, says = REFUSED[name]
    assert_refused(call, says)


@pytest.fixture(scope="module")
def data_cases(tmp_path_factory):
    return _data_cases(tmp_path_factory.mktemp("adversarial-data"))


def data_outcome(call) -> Outcome:
    """outcome(call), where a DataFileError of one sentence counts as refused too.

    DataMissingError and DataUnreadableError are also FileNotFoundError and PermissionError,
    not ValueError, so that `except FileNotFoundError` keeps working; the sentence is the same.
    """
    got = outcome(call)
    data_error = got.text.split(":")[0] in {cls.__name__ for cls in DATA_ERRORS}
    if got.kind == "raw" and data_error and "\n" not in got.text:
        return got._replace(kind="refused")
    return got


@pytest.mark.parametrize("name", DATA_CASES)
def test_damaged_data_is_refused_at_once(data_cases, name):
    call, says = data_cases[name]
    got = data_outcome(call)
    assert got.kind == "refused" and says_it(got.text, says), got.text


def test_damaged_data_is_refused_in_chinese_too(data_cases, monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    call, (domain, key) = data_cases["a gzip bomb"]
    got = data_outcome(call)
    assert got.kind == "refused" and says_it(got.text, (domain, key, "zh")), got.text
    assert "10,008 字节" in got.text


def test_the_pad_keeps_its_drawing_and_tells_the_front_end():
    lab = drawing_lab(W, b)
    lab.load("one")
    sent = []
    lab.pad.comm.send = lambda data=None, buffers=None, **_: sent.append(data)
    lab.pad._handle_msg(_update([[[400, 1]]]))
    assert lab.drawing() == example_drawing("one")
    # The kept drawing goes back, so the canvas shows what the kernel holds.
    assert sent and sent[-1]["method"] == "update"
    assert sent[-1]["state"]["strokes"] == lab.pad.strokes


def test_a_good_update_after_a_refused_one_is_read():
    lab = drawing_lab(W, b)
    lab.pad._handle_msg(_update([[[math.nan, 1]]]))
    lab.pad._handle_msg(_update(example_drawing("one")))
    assert lab.drawing() == example_drawing("one") and lab.reading().predicted == 1


def _taps_and_scribble_at_the_caps() -> bool:
    taps = [[[float(10 + i % 260), float(10 + i // 4)]] for i in range(1_000)]
    scribble = [[[float(10 + i % 260), 140.0] for i in range(50_000)]]
    return render_strokes(taps).max() == 1.0 and render_strokes(scribble).max() == 1.0


def _faint_ink_is_read() -> bool:
    # 1e-40 survives float32 (a subnormal): the image is that ink, scaled into the box.
    image = to_mnist(_canvas_with(1e-40))
    return image.dtype == np.float32 and bool(np.isfinite(image).all()) and image.max() > 0


def _far_points_are_kept_exactly() -> bool:
    return render_strokes([[(0, 0), (280, 280)]]).shape == (280, 280)


# name: a call that returns True when its silent result is right
CORRECT = {
    "a drawing at the caps (1,000 taps; a 50,000-point stroke) is read": (
        _taps_and_scribble_at_the_caps
    ),
    "ink of 1e-40 (subnormal in float32) is read": _faint_ink_is_read,
    "points on the canvas's very edges are read": _far_points_are_kept_exactly,
}


@pytest.mark.parametrize("name", CORRECT)
def test_silent_and_correct(name):
    got = outcome(CORRECT[name])
    assert (got.kind, got.value) == ("silent", True), got.text


def census(refused: dict, correct: dict) -> Counter:
    """How each case ends, as the harness sees it; a silent result is judged by its check."""
    kinds = Counter()
    for name, (call, says) in refused.items():
        got = data_outcome(call)
        said = got.kind != "refused" or says_it(got.text, says)
        kind = got.kind if said else "refused, other words"
        kinds["silent (wrong)" if kind == "silent" else kind] += 1
        print(f"{kind:8} {name}: {got.text[:110]}")
    for name, call in correct.items():
        got = outcome(call)
        kind = {True: "silent (correct)", False: "silent (wrong)"}.get(got.value, got.kind)
        kinds[kind if got.kind == "silent" else got.kind] += 1
        print(f"{kind:8} {name}: {got.text[:110]}")
    return kinds


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        counts = census({**REFUSED, **_data_cases(Path(tmp))}, CORRECT)
        shutil.rmtree(tmp, ignore_errors=True)
    print(dict(counts), f"{sum(counts.values())} cases in {time.perf_counter() - start:.0f} s")
