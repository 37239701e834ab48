"""MNIST loads with the documented facts, and damaged copies are refused with clear messages."""

from __future__ import annotations

import errno
import gzip
import hashlib
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
from helpers.messages import message
from tests.notebook_tools import NOTEBOOK_DIR
from tools.execute import run

TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
NOTEBOOK = NOTEBOOK_DIR / "01_loading_mnist.ipynb"

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


def said(key: str, lang: str = "en", **fields) -> str:
    """The sentence `key` of the helpers.data catalog, with its restore advice if it has one."""
    restore = message("helpers.data", "restore_hint", lang)
    return message("helpers.data", key, lang, restore=restore, **fields)


def refused(check, data_dir, error, key, /, **fields) -> str:
    """Run `check` on `data_dir`, expecting `error` with the catalog's sentence `key`, filled."""
    with pytest.raises(error) as info:
        check(data_dir)
    text = str(info.value)
    assert isinstance(info.value, DataFileError)
    assert text == said(key, **fields)
    assert "\n" not in text and text.endswith("."), text
    # `from None` (or no exception being handled): no library error is chained behind it.
    assert info.value.__cause__ is None
    assert info.value.__context__ is None or info.value.__suppress_context__
    return text


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
    assert capsys.readouterr().out == said("all_intact") + "\n"


def test_a_missing_file_is_told_in_chinese(data_copy, monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    path = data_copy / "t10k-labels-idx1-ubyte.gz"
    path.unlink()
    with pytest.raises(DataMissingError) as info:
        load_mnist(data_copy)
    assert str(info.value) == said("file_missing", "zh", path=path)
    assert str(info.value).startswith(
        f"缺少 MNIST 文件 {path}；"
    ) and "`git checkout -- data/`" in str(info.value)


def test_the_error_shows_as_one_line_in_jupyter(data_copy):
    (data_copy / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(DataFileError) as info:
        verify_data_files(data_copy)
    assert info.value._render_traceback_() == [f"DataMissingError: {info.value}"]


@CHECKS
def test_missing_folder(check, tmp_path):
    folder = tmp_path / "nowhere"
    refused(check, folder, DataMissingError, "folder_missing", folder=folder)
    with pytest.raises(FileNotFoundError):  # what it raised before DataFileError existed
        check(folder)


@CHECKS
def test_a_file_in_the_folders_place(check, tmp_path):
    folder = tmp_path / "data"
    folder.write_bytes(b"")
    refused(check, folder, DataMissingError, "folder_is_file", folder=folder)


@CHECKS
def test_unreadable_folder_simulated(check, data_copy, monkeypatch):
    # Root reads any folder, so the refusal is simulated where the listing happens.
    refuse(monkeypatch, "iterdir", data_copy, denied(data_copy))
    refused(check, data_copy, DataUnreadableError, "folder_unreadable", folder=data_copy)
    with pytest.raises(PermissionError):
        check(data_copy)


@AS_ROOT
@CHECKS
def test_unreadable_folder(check, data_copy):
    data_copy.chmod(0)
    try:
        refused(check, data_copy, DataUnreadableError, "folder_unreadable", folder=data_copy)
    finally:
        data_copy.chmod(0o755)  # so that pytest can remove it


@CHECKS
def test_missing_file(check, data_copy):
    path = data_copy / "t10k-labels-idx1-ubyte.gz"
    path.unlink()
    refused(check, data_copy, DataMissingError, "file_missing", path=path)


@CHECKS
def test_a_folder_in_a_files_place(check, data_copy):
    path = data_copy / "train-images-idx3-ubyte.gz"
    path.unlink()
    path.mkdir()
    refused(check, data_copy, DataMissingError, "file_is_folder", path=path)


@CHECKS
def test_unreadable_file_simulated(check, data_copy, monkeypatch):
    path = data_copy / "train-images-idx3-ubyte.gz"
    refuse_open(monkeypatch, path, denied(path))
    refused(check, data_copy, DataUnreadableError, "file_unreadable", path=path)


@AS_ROOT
@CHECKS
def test_unreadable_file(check, data_copy):
    path = data_copy / "train-images-idx3-ubyte.gz"
    path.chmod(0)
    refused(check, data_copy, DataUnreadableError, "file_unreadable", path=path)


@CHECKS
def test_failing_disk_simulated(check, data_copy, monkeypatch):
    path = data_copy / "train-images-idx3-ubyte.gz"
    refuse_open(monkeypatch, path, OSError(errno.EIO, os.strerror(errno.EIO)))
    reason = os.strerror(errno.EIO)
    refused(check, data_copy, DataFileError, "file_os_error", path=path, reason=reason)


@CHECKS
def test_empty_file(check, data_copy):
    path = data_copy / "train-images-idx3-ubyte.gz"
    path.write_bytes(b"")
    refused(check, data_copy, DataDamagedError, "file_empty", path=path)


@CHECKS
def test_git_lfs_pointer(check, data_copy):
    path = data_copy / "train-images-idx3-ubyte.gz"
    path.write_text(
        "version https://git-lfs.github.com/spec/v1\n"
        f"oid sha256:{SHA256['train-images-idx3-ubyte']}\nsize 9912422\n"
    )
    refused(check, data_copy, DataDamagedError, "file_lfs_pointer", path=path)


@CHECKS
def test_not_a_gzip_file(check, data_copy):
    path = data_copy / "train-images-idx3-ubyte.gz"
    path.write_bytes(gzip.decompress(path.read_bytes()))  # the bare IDX bytes
    refused(check, data_copy, DataDamagedError, "file_not_gzip", path=path)


@CHECKS
def test_truncated_file(check, data_copy):
    path = data_copy / "train-labels-idx1-ubyte.gz"
    path.write_bytes(path.read_bytes()[:-100])
    refused(check, data_copy, DataDamagedError, "file_truncated", path=path)


@CHECKS
def test_corrupted_gzip(check, data_copy):
    path = data_copy / "train-images-idx3-ubyte.gz"
    data = bytearray(path.read_bytes())
    data[-8] ^= 0xFF  # the CRC-32 in gzip's trailer no longer matches the data
    path.write_bytes(bytes(data))
    refused(check, data_copy, DataDamagedError, "file_corrupted", path=path)


@CHECKS
def test_altered_file_shows_expected_and_actual_hash(check, data_copy):
    path = data_copy / "t10k-labels-idx1-ubyte.gz"
    raw = bytearray(gzip.decompress(path.read_bytes()))
    raw[8] = (raw[8] + 1) % 10  # relabel the first test digit: still valid IDX, wrong data
    path.write_bytes(gzip.compress(bytes(raw)))
    actual, expected = hashlib.sha256(raw).hexdigest(), SHA256["t10k-labels-idx1-ubyte"]
    fields = {"path": path, "actual": actual, "expected": expected}
    refused(check, data_copy, DataDamagedError, "file_altered", **fields)


@CHECKS
def test_swapped_files_are_named(check, data_copy):
    path = data_copy / "train-labels-idx1-ubyte.gz"
    shutil.copyfile(data_copy / "t10k-labels-idx1-ubyte.gz", path)
    holds, wanted = said("holds_test_labels"), said("holds_training_labels")
    fields = {"holds": holds, "other": "t10k-labels-idx1-ubyte", "wanted": wanted}
    refused(check, data_copy, DataDamagedError, "file_swapped", path=path, **fields)


@CHECKS
def test_a_fifo_in_a_files_place_is_refused_at_once(check, data_copy):
    # Opening a FIFO for reading blocks until a writer comes: only regular files are opened.
    path = data_copy / "train-images-idx3-ubyte.gz"
    path.unlink()
    os.mkfifo(path)
    refused(check, data_copy, DataDamagedError, "file_not_regular", path=path)


@CHECKS
def test_a_gzip_bomb_is_refused_after_the_expected_size(check, data_copy):
    path = data_copy / "t10k-labels-idx1-ubyte.gz"
    with gzip.open(path, "wb") as out:  # 8 MB of zeros in about 8 KB, 800 times the labels
        for _ in range(8):
            out.write(bytes(1 << 20))
    text = refused(check, data_copy, DataDamagedError, "file_too_big", path=path, size=10_008)
    assert "10,008 bytes" in text  # the size as learners read it, with a thousands separator


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
    with pytest.raises(ValueError) as info:
        parse_idx(b"\x00\x00\x09\x01" + bytes(8))
    assert str(info.value) == said("bad_magic", magic=0x901)


def truncate(folder: Path) -> str:
    path = folder / "train-labels-idx1-ubyte.gz"
    path.write_bytes(path.read_bytes()[:-100])
    return said("file_truncated", path=path)


def swap_labels(folder: Path) -> str:
    path = folder / "train-labels-idx1-ubyte.gz"
    shutil.copyfile(folder / "t10k-labels-idx1-ubyte.gz", path)
    holds, wanted = said("holds_test_labels"), said("holds_training_labels")
    other = "t10k-labels-idx1-ubyte"
    return said("file_swapped", path=path, holds=holds, other=other, wanted=wanted)


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
    # 01 reads helpers.data.DATA_DIR (the repository's data/): here, the damaged copy.
    folder = str(tmp_path / "data")
    damaged = (
        f"import pathlib\nimport helpers.data\nhelpers.data.DATA_DIR = pathlib.Path({folder!r})"
    )
    nb.cells.insert(0, nbformat.v4.new_code_cell(damaged))
    with pytest.raises(CellExecutionError):
        run(nb, tmp_path / "notebooks", timeout=120)

    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    stop = next(i for i, cell in enumerate(code) if "verify_data_files(DATA)" in cell.source)
    errors = [output for output in code[stop].outputs if output.output_type == "error"]
    assert len(errors) == 1, code[stop].outputs
    error = errors[0]
    assert error.ename == "DataDamagedError"
    assert error.evalue == what
    assert "\n" not in error.evalue
    # The learner sees the sentence alone, not the frames of gzip or helpers behind it.
    assert error.traceback == [f"DataDamagedError: {error.evalue}"]
    assert all(cell.execution_count for cell in code[:stop])
    assert all(cell.execution_count is None and not cell.outputs for cell in code[stop + 1 :])
