"""Load MNIST from the committed IDX files and verify it byte for byte."""

from __future__ import annotations

import gzip
import hashlib
import zlib
from pathlib import Path
from typing import NamedTuple

import numpy as np

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# SHA-256 of the *decompressed* IDX bytes: the same for any gzip of the canonical files,
# so the check accepts our re-compressed copies and the original downloads alike.
SHA256 = {
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}

# The third byte of an IDX magic number is the element type (0x08 = unsigned byte),
# the fourth the number of dimensions: 1 for a label vector, 3 for a stack of images.
IMAGE_MAGIC = 0x00000803
LABEL_MAGIC = 0x00000801

RESTORE_HINT = "restore the four .gz files with `git checkout -- data/` in the repository"


class MNIST(NamedTuple):
    """The four MNIST arrays: X float32 in [0, 1] of shape (n, 784), y int64 of shape (n,)."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def read_verified(path: str | Path) -> bytes:
    """Return the decompressed bytes of one .gz IDX file after checking their SHA-256."""
    path = Path(path)
    name = path.name.removesuffix(".gz")
    if name not in SHA256:
        raise ValueError(f"Expected one of the MNIST files {sorted(SHA256)}, got {path.name!r}.")
    if not path.is_file():
        raise FileNotFoundError(f"MNIST file {path} is missing; {RESTORE_HINT}.")
    try:
        raw = gzip.decompress(path.read_bytes())
    except (OSError, EOFError, zlib.error) as err:
        raise ValueError(
            f"MNIST file {path} is truncated or not valid gzip ({err}); {RESTORE_HINT}."
        ) from None
    actual = hashlib.sha256(raw).hexdigest()
    if actual != SHA256[name]:
        raise ValueError(
            f"MNIST file {path} has been altered: the SHA-256 of its decompressed bytes is "
            f"{actual}, expected {SHA256[name]}; {RESTORE_HINT}."
        )
    return raw


def parse_idx(raw: bytes) -> np.ndarray:
    """Parse IDX bytes (big-endian header, then uint8 data) into an array of the stored shape."""
    magic = int.from_bytes(raw[:4], "big")
    if magic not in (IMAGE_MAGIC, LABEL_MAGIC):
        raise ValueError(f"Expected IDX magic number 0x801 or 0x803, got {magic:#x}.")
    ndim = magic & 0xFF
    shape = tuple(np.frombuffer(raw, dtype=">u4", count=ndim, offset=4))
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    if data.size != np.prod(shape):
        raise ValueError(
            f"Expected {np.prod(shape)} data bytes for shape {shape}, got {data.size}."
        )
    return data.reshape(shape)


def load_mnist(data_dir: str | Path | None = None) -> MNIST:
    """Load and verify MNIST; X is float32 in [0, 1] with shape (n, 784), y int64 (n,)."""
    folder = Path(data_dir) if data_dir is not None else DATA_DIR
    if not folder.is_dir():
        raise FileNotFoundError(f"MNIST folder {folder} does not exist; {RESTORE_HINT}.")

    def images(name: str) -> np.ndarray:
        pixels = parse_idx(read_verified(folder / f"{name}-images-idx3-ubyte.gz"))
        # Multiplying by a float32 reciprocal keeps the result float32 (half the memory of
        # float64) and is exact enough: pixels only take 256 values.
        return pixels.reshape(len(pixels), -1) * np.float32(1 / 255)

    def labels(name: str) -> np.ndarray:
        return parse_idx(read_verified(folder / f"{name}-labels-idx1-ubyte.gz")).astype(np.int64)

    return MNIST(images("train"), labels("train"), images("t10k"), labels("t10k"))
