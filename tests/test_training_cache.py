"""The training cache that speeds up autograding (helpers/_training_cache.py, tools/grading.py):
a reused result equals the computed one, and only an entry the grader listed is ever reused.
"""

from __future__ import annotations

import dataclasses
import hashlib

import numpy as np
import pytest

from helpers import _training_cache as cache
from helpers import deskew, load_mnist, template_labels, train_mlp, train_sgd
from tests.test_inputs import is_sentence


@pytest.fixture(scope="module")
def small():
    X, y, _, _ = load_mnist()
    return X[:3000], y[:3000]


def listed(folder) -> str:
    """The entries as the grading process lists them, from the files in the folder."""
    return ",".join(
        f"{path.stem}={hashlib.sha256(path.read_bytes()).hexdigest()}"
        for path in sorted(folder.glob("*.npz"))
    )


@pytest.fixture
def grading(tmp_path, monkeypatch):
    """Fill mode in tmp_path; calling the result switches to a student's kernel's reuse mode."""
    monkeypatch.setenv(cache.FOLDER_ENV, str(tmp_path))
    monkeypatch.setenv(cache.MODE_ENV, "fill")
    monkeypatch.delenv(cache.ENTRIES_ENV, raising=False)

    def as_student() -> None:
        monkeypatch.setenv(cache.ENTRIES_ENV, listed(tmp_path))
        monkeypatch.delenv(cache.MODE_ENV)

    return as_student


def fields(result) -> dict:
    """A result's fields, `seconds` apart (a reused run reports the reference's time)."""
    if isinstance(result, np.ndarray):
        return {"value": result}
    found = (
        {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}
        if dataclasses.is_dataclass(result)
        else result._asdict()
    )
    return {name: value for name, value in found.items() if name != "seconds"}


def assert_same(reused, computed) -> None:
    assert type(reused) is type(computed)
    got, expected = fields(reused), fields(computed)
    assert got.keys() == expected.keys()
    for name, value in expected.items():
        if isinstance(value, np.ndarray):
            assert got[name].dtype == value.dtype and np.array_equal(
                got[name], value, equal_nan=True
            ), name
        else:
            assert got[name] == value and type(got[name]) is type(value), name


def counting():
    """A cached function that counts its real calls."""
    calls = []

    @cache.cached(np.ndarray)
    def train(X, lr=0.5):
        calls.append(lr)
        return X * lr if isinstance(X, np.ndarray) else None

    return train, calls


CALLS = {
    "train_sgd": lambda X, y: train_sgd(
        X, y, lr=0.5, steps=120, decay=True, X_val=X[:200], y_val=y[:200], snapshot_steps=[0, 60]
    ),
    "train_mlp": lambda X, y: train_mlp(X, y, hidden=16, epochs=1, validation=(X[:200], y[:200])),
    "template_labels": lambda X, y: template_labels(X, y, 2, fit_on=40),
    "deskew": lambda X, y: deskew(X[:200]),
}


@pytest.mark.parametrize("name", CALLS)
def test_a_reused_result_equals_the_computed_one(name, small, grading, tmp_path):
    computed = CALLS[name](*small)
    assert len(list(tmp_path.glob("*.npz"))) == 1
    grading()
    assert_same(CALLS[name](*small), computed)


def test_only_a_listed_untouched_entry_is_reused(grading, tmp_path):
    train, calls = counting()
    X = np.arange(6, dtype=np.float32)
    train(X)
    grading()
    assert np.array_equal(train(X), X * 0.5) and len(calls) == 1  # reused
    train(X, lr=0.25)
    train(X.copy() + 1)  # one argument changed: another key, computed
    assert len(calls) == 3 and len(list(tmp_path.glob("*.npz"))) == 1  # nothing written
    # A student's code rewrites the entry with a wrong result: it is computed again.
    (entry,) = tmp_path.glob("*.npz")
    entry.write_bytes(cache.encode(X * 100))
    assert np.array_equal(train(X), X * 0.5) and len(calls) == 4


def test_an_entry_the_grader_did_not_list_is_computed(grading, tmp_path, monkeypatch):
    train, calls = counting()
    X = np.ones(3, dtype=np.float32)
    grading()  # listed before the entry existed: a student's kernel wrote it
    monkeypatch.setenv(cache.MODE_ENV, "fill")
    train(X)
    monkeypatch.delenv(cache.MODE_ENV)
    train(X)
    assert len(calls) == 2


def test_arguments_the_key_cannot_describe_are_computed_and_checked(grading, small):
    train, calls = counting()
    train(np.ma.masked_array([1.0, 2.0]))  # an array subclass
    train({"pixels": 1.0})
    assert len(calls) == 2
    with pytest.raises(ValueError) as err:  # the function itself says what is wrong
        train_sgd("pixels", small[1], lr=0.5)
    assert is_sentence(str(err.value), "helpers._inputs", "not_numeric")


def test_a_refusal_through_the_cache_speaks_the_learners_language(grading, small, monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    with pytest.raises(ValueError) as err:  # the key is made, then train_sgd refuses
        train_sgd(small[0], small[1], lr=-1.0)
    assert is_sentence(str(err.value), "helpers._inputs", "not_positive", "zh")
    assert str(err.value).startswith("lr 应为大于 0 的数")


def test_without_the_grader_nothing_is_cached(small, tmp_path, monkeypatch):
    monkeypatch.delenv(cache.FOLDER_ENV, raising=False)
    train, calls = counting()
    train(np.ones(2))
    train(np.ones(2))
    assert len(calls) == 2


def test_the_grader_sets_the_variables_the_kernels_read():
    from tools import grading

    names = (grading.FOLDER_ENV, grading.MODE_ENV, grading.ENTRIES_ENV)
    assert names == (cache.FOLDER_ENV, cache.MODE_ENV, cache.ENTRIES_ENV)
