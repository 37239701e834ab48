"""Load MNIST from the committed IDX files and verify it byte for byte.

Taught in 01_loading_mnist, which reads the same bytes by hand before calling load_mnist.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import stat
import zlib
from pathlib import Path
from typing import BinaryIO, NamedTuple

import numpy as np

from helpers.messages import catalog

say = catalog("helpers.data")

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# SHA-256 of the *decompressed* IDX bytes: the same for any gzip of the canonical files,
# so the check accepts our re-compressed copies and the original downloads alike.
SHA256 = {
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}
# Bytes once decompressed: a 16-byte (images) or 8-byte (labels) header, then one per value.
SIZES = {
    "train-images-idx3-ubyte": 16 + 60000 * 784,
    "train-labels-idx1-ubyte": 8 + 60000,
    "t10k-images-idx3-ubyte": 16 + 10000 * 784,
    "t10k-labels-idx1-ubyte": 8 + 10000,
}
# What each file holds: keys of the helpers.data catalog.
CONTENTS = {
    "train-images-idx3-ubyte": "holds_training_images",
    "train-labels-idx1-ubyte": "holds_training_labels",
    "t10k-images-idx3-ubyte": "holds_test_images",
    "t10k-labels-idx1-ubyte": "holds_test_labels",
}

# The third byte of an IDX magic number is the element type (0x08 = unsigned byte),
# the fourth the number of dimensions: 1 for a label vector, 3 for a stack of images.
IMAGE_MAGIC = 0x00000803
LABEL_MAGIC = 0x00000801

GZIP_MAGIC = b"\x1f\x8b"
# A clone made without Git LFS holds small text files like this in place of the data.
LFS_POINTER = b"version https://git-lfs.github.com/spec/v1"


def _restore() -> str:
    """The advice most damaged-file sentences end with, in the learner's language."""
    return say("restore_hint")


class DataFileError(Exception):
    """A missing, unreadable or damaged MNIST file or folder, explained in one sentence.

    Taught in 01_loading_mnist, whose first cell stops with it when a file is damaged.
    """

    def _render_traceback_(self) -> list[str]:
        # IPython shows these lines instead of a traceback: the sentence is the whole story,
        # and the frames of gzip or pathlib behind it would only bury it.
        return [f"{type(self).__name__}: {self}"]


# Each kind also derives from the built-in exception the same failure raised before,
# so `except FileNotFoundError` or `except ValueError` keeps catching it.
class DataMissingError(DataFileError, FileNotFoundError):
    """An MNIST folder or file is not where it should be. Used by load_mnist (01_loading_mnist)."""


class DataUnreadableError(DataFileError, PermissionError):
    """An MNIST folder or file exists but may not be read. Used by load_mnist (01_loading_mnist)."""


class DataDamagedError(DataFileError, ValueError):
    """An MNIST file is there but does not hold the published bytes. Used by 01_loading_mnist."""


class MNIST(NamedTuple):
    """The four MNIST arrays: X float32 in [0, 1] of shape (n, 784), y int64 of shape (n,).

    Taught in 01_loading_mnist, section 4.
    """

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def data_folder(data_dir: str | Path | None = None) -> Path:
    """Return the MNIST folder (the repository's data/ by default) after checking it is readable.

    Used by load_mnist and verify_data_files (01_loading_mnist); data_dir is a str or a Path.
    """
    if data_dir is not None and not isinstance(data_dir, (str, os.PathLike)):
        shown = f"{data_dir!r:.60}"
        raise ValueError(say("data_dir_type", kind=type(data_dir).__name__, shown=shown))
    folder = Path(data_dir) if data_dir is not None else DATA_DIR
    try:
        if not folder.exists():
            raise DataMissingError(say("folder_missing", folder=folder, restore=_restore()))
        if not folder.is_dir():
            raise DataMissingError(say("folder_is_file", folder=folder, restore=_restore()))
        next(folder.iterdir(), None)  # listing the folder is what a missing permission stops
    except PermissionError:
        raise DataUnreadableError(say("folder_unreadable", folder=folder)) from None
    return folder


def _not_a_file(path: Path, mode: int) -> DataFileError:
    """The sentence for a folder, a FIFO, a device or a socket where a data file should be."""
    if stat.S_ISDIR(mode):
        return DataMissingError(say("file_is_folder", path=path, restore=_restore()))
    # A FIFO would block the read forever, a device could be endless: only files are read.
    return DataDamagedError(say("file_not_regular", path=path, restore=_restore()))


def open_file(path: Path) -> BinaryIO:
    """Open `path` for reading if it is a regular file, or raise DataFileError saying why not.

    Used by load_mnist (01_loading_mnist reads its files with gzip.open by hand).
    """
    # O_NONBLOCK: should a FIFO replace the file after the check, opening it cannot hang.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        mode = path.stat().st_mode
        file = os.fdopen(os.open(path, flags), "rb") if stat.S_ISREG(mode) else None
    except FileNotFoundError:
        raise DataMissingError(say("file_missing", path=path, restore=_restore())) from None
    except PermissionError:
        raise DataUnreadableError(say("file_unreadable", path=path)) from None
    except OSError as err:
        raise _unreadable(path, err) from None
    if file is None:
        raise _not_a_file(path, mode)
    mode = os.fstat(file.fileno()).st_mode
    if not stat.S_ISREG(mode):  # replaced between the check and the opening
        file.close()
        raise _not_a_file(path, mode)
    return file


def _unreadable(path: Path, err: OSError) -> DataFileError:
    reason = err.strerror or err
    return DataFileError(say("file_os_error", path=path, reason=reason, restore=_restore()))


def decompress(path: Path, file: BinaryIO, size: int) -> bytes:
    """Gunzip at most `size` bytes from the open `file`, or raise DataFileError saying why not.

    Taught in 01_loading_mnist, section 1 (opening a .gz file). Reading stops one byte past
    `size`, so a file that inflates to gigabytes (a gzip bomb) costs no more than the real one.
    """
    head = file.read(len(LFS_POINTER))
    if not head:
        raise DataDamagedError(say("file_empty", path=path, restore=_restore()))
    if head.startswith(LFS_POINTER):
        raise DataDamagedError(say("file_lfs_pointer", path=path))
    if not head.startswith(GZIP_MAGIC):
        raise DataDamagedError(say("file_not_gzip", path=path, restore=_restore()))
    file.seek(0)
    try:
        raw = gzip.GzipFile(fileobj=file, mode="rb").read(size + 1)
    except EOFError:
        raise DataDamagedError(say("file_truncated", path=path, restore=_restore())) from None
    except (gzip.BadGzipFile, zlib.error):
        raise DataDamagedError(say("file_corrupted", path=path, restore=_restore())) from None
    except OSError as err:  # the disk, not the data
        raise _unreadable(path, err) from None
    if len(raw) > size:
        raise DataDamagedError(say("file_too_big", path=path, size=size, restore=_restore()))
    return raw


def check_digest(path: Path, name: str, raw: bytes) -> None:
    """Raise DataFileError unless the SHA-256 of `raw` is the one recorded for `name`.

    Taught in 01_loading_mnist, section 3 (checksums).
    """
    actual = hashlib.sha256(raw).hexdigest()
    if actual == SHA256[name]:
        return
    # Another file's fingerprint means a whole file was copied or moved, not damaged.
    for other, digest in SHA256.items():
        if digest == actual:
            holds, wanted = say(CONTENTS[other]), say(CONTENTS[name])
            fields = {"holds": holds, "other": other, "wanted": wanted, "restore": _restore()}
            raise DataDamagedError(say("file_swapped", path=path, **fields))
    raise DataDamagedError(
        say("file_altered", path=path, actual=actual, expected=SHA256[name], restore=_restore())
    )


def read_verified(path: str | Path) -> bytes:
    """Return the decompressed bytes of one .gz IDX file, or raise DataFileError saying why not.

    Taught in 01_loading_mnist, sections 1 and 3: gunzip, then check the SHA-256.
    """
    path = Path(path)
    name = path.name.removesuffix(".gz")
    if name not in SHA256:
        raise ValueError(say("not_mnist_file", names=str(sorted(SHA256)), got=repr(path.name)))
    with open_file(path) as file:
        raw = decompress(path, file, SIZES[name])
    check_digest(path, name, raw)
    return raw


def verify_data_files(data_dir: str | Path | None = None) -> None:
    """Check the four MNIST files as load_mnist does, and print one line if all are intact.

    Taught in 01_loading_mnist, whose first cell calls it.
    """
    folder = data_folder(data_dir)
    for name in SHA256:
        read_verified(folder / f"{name}.gz")
    print(say("all_intact"))


def parse_idx(raw: bytes) -> np.ndarray:
    """Parse IDX bytes (big-endian header, then uint8 data) into an array of the stored shape.

    Taught in 01_loading_mnist, section 2 (the images file).
    """
    magic = int.from_bytes(raw[:4], "big")
    if magic not in (IMAGE_MAGIC, LABEL_MAGIC):
        raise ValueError(say("bad_magic", magic=magic))
    ndim = magic & 0xFF
    shape = tuple(np.frombuffer(raw, dtype=">u4", count=ndim, offset=4))
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    if data.size != np.prod(shape):
        expected = np.prod(shape)
        raise ValueError(say("bad_size", expected=expected, shape=str(shape), got=data.size))
    return data.reshape(shape)


def load_mnist(data_dir: str | Path | None = None) -> MNIST:
    """Load and verify MNIST; X is float32 in [0, 1] with shape (n, 784), y int64 (n,).

    Taught in 01_loading_mnist, section 4: the bytes by hand, then all of it in one call.
    """
    folder = data_folder(data_dir)

    def images(name: str) -> np.ndarray:
        pixels = parse_idx(read_verified(folder / f"{name}-images-idx3-ubyte.gz"))
        # Multiplying by a float32 reciprocal keeps the result float32 (half the memory of
        # float64) and is exact enough: pixels only take 256 values.
        return pixels.reshape(len(pixels), -1) * np.float32(1 / 255)

    def labels(name: str) -> np.ndarray:
        return parse_idx(read_verified(folder / f"{name}-labels-idx1-ubyte.gz")).astype(np.int64)

    return MNIST(images("train"), labels("train"), images("t10k"), labels("t10k"))
