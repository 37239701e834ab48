"""Numbers quoted in 01_loading_mnist's prose, against the outputs they quote."""

from __future__ import annotations

import re

from tests.quotes import notebook, said, shown

NB = notebook("01_loading_mnist")


def counts() -> dict[int, int]:
    found = [
        o.get("text", "")
        for c in NB.cells
        for o in c.get("outputs", [])
        if "count per digit" in o.get("text", "")
    ]
    assert len(found) == 1
    pairs = re.findall(r"(\d): (\d+)", found[0].split("share per digit")[0])
    return {int(digit): int(count) for digit, count in pairs}


def shares(label: str) -> list[float]:
    texts = [o.get("text", "") for c in NB.cells for o in c.get("outputs", [])]
    found = [t.split(label)[1] for t in texts if label in t]
    assert len(found) == 1
    return [float(v) for v in re.findall(r"\d\.\d*", found[0].split("]")[0])]


def test_the_file_sizes():
    assert said(NB, r"^([\d,]+) bytes for 60,000 labels") == shown(NB, r"^(\d+,\d{3}) bytes\n$")
    image_bytes = shown(NB, r"^(47,[\d,]+) bytes")
    assert said(NB, r"It is larger: (\d+) MB once decompressed") == round(image_bytes / 1e6)
    # The file is a 16-byte header, then one byte per pixel.
    assert said(NB, r"all ([\d,]+) pixel values") == image_bytes - 16


def test_the_class_balance():
    per_digit = counts()
    total = sum(per_digit.values())
    assert total == 60_000
    fewest, most = min(per_digit, key=per_digit.get), max(per_digit, key=per_digit.get)
    assert (fewest, most) == (5, 1)
    assert said(NB, r"from ([\d,]+) fives") == per_digit[5]
    assert said(NB, r"fives \((\d+\.\d)%\)") == round(100 * per_digit[5] / total, 1)
    assert said(NB, r"to ([\d,]+) ones \(") == per_digit[1]
    assert said(NB, r"ones \((\d+\.\d)%\)\.") == round(100 * per_digit[1] / total, 1)
    assert said(NB, r"right only (\d+)% of the time") == round(100 * per_digit[1] / total)
    assert said(NB, r"balanced \((\d+\.\d)% to") == round(100 * per_digit[5] / total, 1)
    assert said(NB, r"balanced \(\d+\.\d% to (\d+\.\d)%\)") == round(100 * per_digit[1] / total, 1)
    assert said(NB, r"perfect balance, ([\d,]+) images per digit") == total / 10


def test_the_pixel_statistics():
    assert said(NB, r"the mean pixel is (0\.\d+)") == shown(NB, r"mean pixel value: (0\.\d+)")
    zero_percent = shown(NB, r"exactly 0: (\d+\.\d)%")
    assert said(NB, r"and (\d+)% of the\s+pixels are exactly 0") == round(zero_percent)


def test_the_centre_pixel():
    inked = shares("share of each digit's images inked at the centre:")
    assert len(inked) == 10
    assert said(NB, r"Only (\d+)% of the zeros") == round(100 * inked[0])
    assert said(NB, r"against (\d+)% of the ones") == round(100 * inked[1])


def test_the_summary_counts_the_images():
    assert said(NB, r"([\d,]+) training and 10,000") == shown(NB, r"X_train\s+shape \((\d+), 784\)")
    assert said(NB, r"training and ([\d,]+)\s+test images") == shown(
        NB, r"X_test\s+shape \((\d+), 784\)"
    )


def test_the_flattening_example():
    assert said(NB, r"entries (\d+) and 28 sit side by side") == 27
    assert shown(NB, r"vector\[28 \* 9 \+ 12\] = vector\[(\d+)\]") == 28 * 9 + 12


def test_notebook_02_still_turns_the_mean_images_into_a_classifier():
    """01 says so: 02 must keep its nearest-mean classifier."""
    text = " ".join(c.source for c in notebook("02_softmax_model").cells)
    assert "nearest" in text and "mean image" in text


def test_the_hand_decoding_matches_load_mnist_entry_for_entry():
    assert shown(NB, r"labels that differ: (\d+) of 60,000") == 0
    assert shown(NB, r"pixels that differ: (\d+) of 784,000") == 0
