"""MNIST loads with the documented facts, and damaged copies are refused with clear messages."""

from __future__ import annotations

import gzip
import shutil

import numpy as np
import pytest

from helpers import load_mnist
from helpers.data import DATA_DIR, SHA256, parse_idx

TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


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


def test_missing_folder_names_the_path_and_the_fix(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"does not exist.*git checkout -- data/"):
        load_mnist(tmp_path / "nowhere")


def test_missing_file_is_named(data_copy):
    (data_copy / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(FileNotFoundError, match=r"t10k-labels-idx1-ubyte\.gz is missing"):
        load_mnist(data_copy)


def test_truncated_file_is_refused(data_copy):
    path = data_copy / "train-labels-idx1-ubyte.gz"
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(ValueError, match=r"train-labels-idx1-ubyte\.gz is truncated"):
        load_mnist(data_copy)


def test_altered_file_shows_expected_and_actual_hash(data_copy):
    path = data_copy / "t10k-labels-idx1-ubyte.gz"
    raw = bytearray(gzip.decompress(path.read_bytes()))
    raw[8] = (raw[8] + 1) % 10  # relabel the first test digit: still valid IDX, wrong data
    path.write_bytes(gzip.compress(bytes(raw)))
    with pytest.raises(ValueError, match="has been altered") as err:
        load_mnist(data_copy)
    assert SHA256["t10k-labels-idx1-ubyte"] in str(err.value)
    assert "t10k-labels-idx1-ubyte.gz" in str(err.value)


def test_canonical_gzip_of_the_same_bytes_is_accepted(data_copy):
    # The checksums cover the decompressed bytes, so any gzip of the right data passes.
    path = data_copy / "t10k-labels-idx1-ubyte.gz"
    path.write_bytes(gzip.compress(gzip.decompress(path.read_bytes()), compresslevel=1))
    assert load_mnist(data_copy).y_test[:3].tolist() == [7, 2, 1]


def test_parse_idx_refuses_a_wrong_magic_number():
    with pytest.raises(ValueError, match="magic number"):
        parse_idx(b"\x00\x00\x09\x01" + bytes(8))
