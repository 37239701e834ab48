"""MNIST loads with the documented facts, and damaged copies are refused with clear messages."""

from __future__ import annotations

import errno
import gzip
import os
import shutil
import tracemalloc
from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbclient.exceptions import CellExecutionError

from helpers import load_mnist
from helpers.data import (
    DATA_DIR,
    SHA256,
    DataDamagedError,
    DataFileError,
    DataMissingError,
    DataUnreadableError,
    parse_idx,
    read_verified,
    verify_data_files,
)
from tests.notebook_tools import NOTEBOOK_DIR
from tools.execute import run

TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
NOTEBOOK = NOTEBOOK_DIR / "01_loading_mnist.ipynb"

RESTORE = "git checkout -- data/"
# Both entry points make the same checks, so every damaged case is tried through both.
CHECKS = pytest.mark.parametrize("check", [load_mnist, verify_data_files])
AS_ROOT = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their mode"
)


def test_shapes_and_types(mnist):
    assert mnist.X_train.shape == (60000, 784) and mnist.X_test.shape == (10000, 784)
    assert mnist.X_train.dtype == np.float32 and mnist.y_train.dtype == np.int64
    assert mnist.X_train.min() == 0.0 and mnist.X_train.max() == 1.0


def test_documented_facts(mnist):
    assert np.bincount(mnist.y_train).tolist() == TRAIN_COUNTS
    assert np.bincount(mnist.y_test).tolist() == TEST_COUNTS
    assert mnist.y_train[:10].tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert mnist.y_test[:10].tolist() == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]
    assert mnist.X_train.mean(dtype=np.float64) * 255 == pytest.approx(33.318, abs=5e-4)


@pytest.fixture
def data_copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    return folder


def refused(check, folder, error, path, remedy) -> str:
    """Run `check` on `folder`, expecting `error` in one sentence naming `path` and `remedy`."""
    with pytest.raises(error) as info:
        check(folder)
    message = str(info.value)
    assert isinstance(info.value, DataFileError)
    assert str(path) in message and remedy in message, message
    assert "\n" not in message and message.endswith("."), message
    # `from None` (or no exception being handled): no library error is chained behind it.
    assert info.value.__cause__ is None
    assert info.value.__context__ is None or info.value.__suppress_context__
    return message


def refuse(monkeypatch, method: str, target: Path, error: OSError) -> None:
    """Make Path.<method> raise `error` for `target` only, as an unreadable file would."""
    original = getattr(Path, method)

    def guarded(self, *args, **kwargs):
        if self == target:
            raise error
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, method, guarded)


def refuse_open(monkeypatch, target: Path, error: OSError) -> None:
    """Make os.open raise `error` for `target` only, as an unreadable file or a bad disk would."""
    original = os.open

    def guarded(path, *args, **kwargs):
        if Path(path) == target:
            raise error
        return original(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)


def denied(path: Path) -> PermissionError:
    return PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))


def test_verify_data_files_says_all_is_well(capsys):
    assert verify_data_files() is None
    assert capsys.readouterr().out == "All four MNIST files are present, complete and unchanged.\n"


def test_the_error_shows_as_one_line_in_jupyter(data_copy):
    (data_copy / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(DataFileError) as info:
        verify_data_files(data_copy)
    assert info.value._render_traceback_() == [f"DataMissingError: {info.value}"]


@CHECKS
def test_missing_folder(check, tmp_path):
    folder = tmp_path / "nowhere"
    message = refused(check, folder, DataMissingError, folder, RESTORE)
    assert "does not exist" in message
    with pytest.raises(FileNotFoundError):  # what it raised before DataFileError existed
        check(folder)


@CHECKS
def test_a_file_in_the_folders_place(check, tmp_path):
    folder = tmp_path / "data"
    folder.write_bytes(b"")
    assert "is a file, not a folder" in refused(check, folder, DataMissingError, folder, RESTORE)


@CHECKS
def test_unreadable_folder_simulated(check, data_copy, monkeypatch):
    # Root reads any folder, so the refusal is simulated where the listing happens.
    refuse(monkeypatch, "iterdir", data_copy, denied(data_copy))
    message = refused(check, data_copy, DataUnreadableError, data_copy, "chmod u+rx")
    assert "permission denied" in message
    with pytest.raises(PermissionError):
        check(data_copy)


@AS_ROOT
@CHECKS
def test_unreadable_folder(check, data_copy):
    data_copy.chmod(0)
    try:
        refused(check, data_copy, DataUnreadableError, data_copy, "chmod u+rx")
    finally:
        data_copy.chmod(0o755)  # so that pytest can remove it


@CHECKS
def test_missing_file(check, data_copy):
    path = data_copy / "t10k-labels-idx1-ubyte.gz"
    path.unlink()
    assert "is missing" in refused(check, data_copy, DataMissingError, path, RESTORE)


@CHECKS
def test_a_folder_in_a_files_place(check, data_copy):
    path = data_copy / "train-images-idx3-ubyte.gz"
    path.unlink()
    path.mkdir()
    message = refused(check, data_copy, DataMissingError, path, RESTORE)
    assert "is a folder, not a file" in message


@CHECKS
def test_unreadable_file_simulated(check, data_copy, monkeypatch):
    path = data_copy / "train-images-idx3-ubyte.gz"
    refuse_open(monkeypatch, path, denied(path))
    message = refused(check, data_copy, DataUnreadableError, path, f"chmod u+r {path}")
    assert "permission denied" in message


@AS_ROOT
@CHECKS
def test_unreadable_file(check, data_copy):
    path = data_copy / "train-images-idx3-ubyte.gz"
    path.chmod(0)
    refused(check, data_copy, DataUnreadableError, path, f"chmod u+r {path}")


@CHECKS
def test_failing_disk_simulated(check, data_copy, monkeypatch):
    path = data_copy / "train-images-idx3-ubyte.gz"
    refuse_open(monkeypatch, path, OSError(errno.EIO, os.strerror(errno.EIO)))
    message = refused(check, data_copy, DataFileError, path, RESTORE)
    assert f"cannot be read ({os.strerror(errno.EIO)})" in message


@CHECKS
def test_empty_file(check, data_copy):
    path = data_copy / "train-images-idx3-ubyte.gz"
    path.write_bytes(b"")
    assert "is empty (0 bytes)" in refused(check, data_copy, DataDamagedError, path, RESTORE)


@CHECKS
def test_git_lfs_pointer(check, data_copy):
    path = data_copy / "train-images-idx3-ubyte.gz"
    path.write_text(
        "version https://git-lfs.github.com/spec/v1\n"
        f"oid sha256:{SHA256['train-images-idx3-ubyte']}\nsize 9912422\n"
    )
    message = refused(check, data_copy, DataDamagedError, path, "git lfs pull")
    assert "is a Git LFS pointer" in message


@CHECKS
def test_not_a_gzip_file(check, data_copy):
    path = data_copy / "train-images-idx3-ubyte.gz"
    path.write_bytes(gzip.decompress(path.read_bytes()))  # the bare IDX bytes
    assert "is not a gzip file" in refused(check, data_copy, DataDamagedError, path, RESTORE)


@CHECKS
def test_truncated_file(check, data_copy):
    path = data_copy / "train-labels-idx1-ubyte.gz"
    path.write_bytes(path.read_bytes()[:-100])
    assert "is truncated" in refused(check, data_copy, DataDamagedError, path, RESTORE)


@CHECKS
def test_corrupted_gzip(check, data_copy):
    path = data_copy / "train-images-idx3-ubyte.gz"
    data = bytearray(path.read_bytes())
    data[-8] ^= 0xFF  # the CRC-32 in gzip's trailer no longer matches the data
    path.write_bytes(bytes(data))
    assert "is corrupted" in refused(check, data_copy, DataDamagedError, path, RESTORE)


@CHECKS
def test_altered_file_shows_expected_and_actual_hash(check, data_copy):
    path = data_copy / "t10k-labels-idx1-ubyte.gz"
    raw = bytearray(gzip.decompress(path.read_bytes()))
    raw[8] = (raw[8] + 1) % 10  # relabel the first test digit: still valid IDX, wrong data
    path.write_bytes(gzip.compress(bytes(raw)))
    message = refused(check, data_copy, DataDamagedError, path, RESTORE)
    assert "has been altered" in message and SHA256["t10k-labels-idx1-ubyte"] in message


@CHECKS
def test_swapped_files_are_named(check, data_copy):
    path = data_copy / "train-labels-idx1-ubyte.gz"
    shutil.copyfile(data_copy / "t10k-labels-idx1-ubyte.gz", path)
    message = refused(check, data_copy, DataDamagedError, path, RESTORE)
    assert "holds the test labels (t10k-labels-idx1-ubyte), not the training labels" in message
    assert "swapped or copied over each other" in message


@CHECKS
def test_a_fifo_in_a_files_place_is_refused_at_once(check, data_copy):
    # Opening a FIFO for reading blocks until a writer comes: only regular files are opened.
    path = data_copy / "train-images-idx3-ubyte.gz"
    path.unlink()
    os.mkfifo(path)
    message = refused(check, data_copy, DataDamagedError, path, RESTORE)
    assert "is not a regular file (a pipe, device or socket)" in message


@CHECKS
def test_a_gzip_bomb_is_refused_after_the_expected_size(check, data_copy):
    path = data_copy / "t10k-labels-idx1-ubyte.gz"
    with gzip.open(path, "wb") as out:  # 8 MB of zeros in about 8 KB, 800 times the labels
        for _ in range(8):
            out.write(bytes(1 << 20))
    message = refused(check, data_copy, DataDamagedError, path, RESTORE)
    assert "decompresses to more than the 10,008 bytes it should hold" in message


def test_a_gzip_bomb_costs_no_more_memory_than_the_file(data_copy):
    path = data_copy / "t10k-labels-idx1-ubyte.gz"
    with gzip.open(path, "wb") as out:
        for _ in range(8):
            out.write(bytes(1 << 20))
    tracemalloc.start()
    with pytest.raises(DataDamagedError):
        read_verified(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 1_000_000, peak  # the 8 MB are never held: reading stops at 10,009 bytes


def test_canonical_gzip_of_the_same_bytes_is_accepted(data_copy):
    # The checksums cover the decompressed bytes, so any gzip of the right data passes.
    path = data_copy / "t10k-labels-idx1-ubyte.gz"
    path.write_bytes(gzip.compress(gzip.decompress(path.read_bytes()), compresslevel=1))
    assert load_mnist(data_copy).y_test[:3].tolist() == [7, 2, 1]


def test_parse_idx_refuses_a_wrong_magic_number():
    with pytest.raises(ValueError, match="magic number"):
        parse_idx(b"\x00\x00\x09\x01" + bytes(8))


def truncate(folder: Path) -> str:
    path = folder / "train-labels-idx1-ubyte.gz"
    path.write_bytes(path.read_bytes()[:-100])
    return "is truncated"


def swap_labels(folder: Path) -> str:
    shutil.copyfile(folder / "t10k-labels-idx1-ubyte.gz", folder / "train-labels-idx1-ubyte.gz")
    return "holds the test labels"


@pytest.mark.parametrize("damage", [truncate, swap_labels])
def test_notebook_01_stops_at_the_check_with_one_sentence(damage, tmp_path):
    (tmp_path / "notebooks").mkdir()
    shutil.copy(NOTEBOOK, tmp_path / "notebooks")
    shutil.copytree(DATA_DIR, tmp_path / "data")
    what = damage(tmp_path / "data")
    nb = nbformat.read(tmp_path / "notebooks" / NOTEBOOK.name, as_version=4)
    for cell in nb.cells:  # forget the stored run, so that only this one leaves outputs
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    with pytest.raises(CellExecutionError):
        run(nb, tmp_path / "notebooks", timeout=120)

    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    stop = next(i for i, cell in enumerate(code) if "verify_data_files(DATA)" in cell.source)
    errors = [output for output in code[stop].outputs if output.output_type == "error"]
    assert len(errors) == 1, code[stop].outputs
    error = errors[0]
    path = str(Path("..") / "data" / "train-labels-idx1-ubyte.gz")
    assert error.ename == "DataDamagedError"
    assert path in error.evalue and what in error.evalue and RESTORE in error.evalue
    assert "\n" not in error.evalue
    # The learner sees the sentence alone, not the frames of gzip or helpers behind it.
    assert error.traceback == [f"DataDamagedError: {error.evalue}"]
    assert all(cell.execution_count for cell in code[:stop])
    assert all(cell.execution_count is None and not cell.outputs for cell in code[stop + 1 :])
