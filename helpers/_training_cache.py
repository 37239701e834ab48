"""Training results reused while nbgrader autogrades a class: off unless the grader turns it on.

Not taught: tools/grading.py turns it on for `nbgrader autograde` only. A training call (train_sgd,
train_mlp, template_labels, deskew) is keyed by a SHA-256 of its name, the helpers' source code
and every argument, arrays byte for byte. The reference solution's run fills the folder named by
MNIST_TRAINING_CACHE (MNIST_TRAINING_CACHE_MODE=fill); a student's kernel then reuses an entry
only if the file's SHA-256 is one the grading process listed in MNIST_TRAINING_CACHE_ENTRIES
before any student's code ran, so an entry a student's code rewrote is computed again, never
believed. Any argument the key cannot describe means the call is computed as usual.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import inspect
import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np

FOLDER_ENV = "MNIST_TRAINING_CACHE"
MODE_ENV = "MNIST_TRAINING_CACHE_MODE"  # "fill" in the reference run, else reuse only
ENTRIES_ENV = "MNIST_TRAINING_CACHE_ENTRIES"  # key=sha256 of the file, comma-separated
HELPERS = Path(__file__).resolve().parent


class Unkeyable(TypeError):
    """An argument the key cannot describe exactly: the call is computed, not cached."""


@functools.cache
def code_digest() -> str:
    """SHA-256 of every helpers source file: a change of code is a change of every key."""
    digest = hashlib.sha256()
    for path in sorted(HELPERS.rglob("*.py")):
        digest.update(path.relative_to(HELPERS).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _feed(digest: hashlib._Hash, value: object) -> None:
    """Add one argument to the key, its type included; Unkeyable for anything else."""
    if (
        isinstance(value, np.ndarray)
        and type(value) is np.ndarray
        and value.dtype.hasobject is False
    ):
        array = np.ascontiguousarray(value)
        digest.update(f"array {array.dtype.str} {array.shape}\0".encode())
        digest.update(memoryview(array).cast("B"))
    elif isinstance(value, (list, tuple)) and type(value) in (list, tuple):
        digest.update(f"{type(value).__name__} {len(value)}\0".encode())
        for item in value:
            _feed(digest, item)
    elif value is None or type(value) in (bool, int, float, str):
        digest.update(f"{type(value).__name__} {value!r}\0".encode())
    elif isinstance(value, np.generic) and not isinstance(value, np.object_):
        digest.update(f"scalar {value.dtype.str} {value.item()!r}\0".encode())
    else:
        raise Unkeyable(type(value).__name__)


def call_key(func: Callable, args: tuple, kwargs: dict) -> str:
    """The key of one call: its function, the helpers' code and every bound argument."""
    bound = inspect.signature(func).bind(*args, **kwargs)
    bound.apply_defaults()
    digest = hashlib.sha256(f"{func.__module__}.{func.__qualname__}\0{code_digest()}\0".encode())
    for name, value in bound.arguments.items():
        digest.update(f"{name}=".encode())
        _feed(digest, value)
    return digest.hexdigest()


def encode(result: object) -> bytes:
    """A History, an MLP or an array as .npz bytes: arrays apart, the rest as JSON."""
    if isinstance(result, np.ndarray):
        fields, kind = {"value": result}, "array"
    elif dataclasses.is_dataclass(result):
        fields, kind = (
            {f.name: getattr(result, f.name) for f in dataclasses.fields(result)},
            "dataclass",
        )
    else:
        fields, kind = result._asdict(), "namedtuple"
    arrays = {name: v for name, v in fields.items() if isinstance(v, np.ndarray)}
    plain = {
        name: (list(v) if isinstance(v, tuple) else v.item() if isinstance(v, np.generic) else v)
        for name, v in fields.items()
        if name not in arrays
    }
    tuples = [name for name, v in fields.items() if isinstance(v, tuple)]
    meta = json.dumps({"kind": kind, "plain": plain, "tuples": tuples})
    out = io.BytesIO()
    np.savez(out, __meta__=np.array(meta), **arrays)
    return out.getvalue()


def decode(data: bytes, result_type: type) -> object:
    """The result that encode stored, without unpickling anything."""
    with np.load(io.BytesIO(data), allow_pickle=False) as stored:
        meta = json.loads(str(stored["__meta__"]))
        fields = {name: stored[name] for name in stored.files if name != "__meta__"}
    fields |= {k: tuple(v) if k in meta["tuples"] else v for k, v in meta["plain"].items()}
    return fields["value"] if meta["kind"] == "array" else result_type(**fields)


def trusted_entries() -> dict[str, str]:
    """{key: sha256 of its file} as the grading process listed them for this kernel."""
    pairs = (item.partition("=") for item in os.environ.get(ENTRIES_ENV, "").split(",") if item)
    return {key: digest for key, _, digest in pairs}


def cached(result_type: type) -> Callable[[Callable], Callable]:
    """Reuse a training result while autograding (see the module docstring); else just call."""

    def decorate(func: Callable) -> Callable:
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            folder = os.environ.get(FOLDER_ENV)
            if not folder:
                return func(*args, **kwargs)
            try:
                key = call_key(func, args, kwargs)
            except (Unkeyable, TypeError):
                return func(*args, **kwargs)  # the function itself says what is wrong
            path = Path(folder) / f"{key}.npz"
            if os.environ.get(MODE_ENV) == "fill":
                result = func(*args, **kwargs)
                if not path.exists():  # the first result stays: its digest is the one listed
                    path.write_bytes(encode(result))
                return result
            expected = trusted_entries().get(key)
            if expected is not None:
                try:
                    data = path.read_bytes()
                except OSError:
                    data = b""
                if hashlib.sha256(data).hexdigest() == expected:
                    return decode(data, result_type)
            return func(*args, **kwargs)

        return wrapper

    return decorate
