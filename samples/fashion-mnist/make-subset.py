#!/usr/bin/env python3
"""Cut the Joulebench samples subset out of the full Fashion-MNIST IDX files.

Takes the first N train and first M test images (no shuffling, so the subset is
reproducible from the published files alone) and writes them as gzip'd IDX files
with a zero gzip timestamp and no embedded file name, so re-running the script
gives byte-identical output on the same zlib. Plain CPython 3, no numpy.

Usage: make-subset.py [--source DIR] [--out DIR] [--train N] [--test M]
"""
import argparse
import gzip
import os
import struct
import sys

CLASS_NAMES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
IMAGES_MAGIC = 0x00000803
LABELS_MAGIC = 0x00000801


def read_idx(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rb") as f:
        return f.read()


def find(source, stem):
    for name in (stem + ".gz", stem):
        path = os.path.join(source, name)
        if os.path.exists(path):
            return path
    sys.exit("missing %s(.gz) in %s" % (stem, source))


def cut_images(data, n, path):
    magic, count, rows, cols = struct.unpack(">IIII", data[:16])
    if magic != IMAGES_MAGIC:
        sys.exit("%s: magic 0x%08x, expected 0x%08x" % (path, magic, IMAGES_MAGIC))
    if n > count:
        sys.exit("%s: has %d images, asked for %d" % (path, count, n))
    size = rows * cols
    return struct.pack(">IIII", magic, n, rows, cols) + data[16:16 + n * size]


def cut_labels(data, n, path):
    magic, count = struct.unpack(">II", data[:8])
    if magic != LABELS_MAGIC:
        sys.exit("%s: magic 0x%08x, expected 0x%08x" % (path, magic, LABELS_MAGIC))
    if n > count:
        sys.exit("%s: has %d labels, asked for %d" % (path, count, n))
    return struct.pack(">II", magic, n) + data[8:8 + n]


def write_gz(path, payload):
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
            gz.write(payload)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--out", default=here)
    parser.add_argument("--train", type=int, default=10000)
    parser.add_argument("--test", type=int, default=2000)
    args = parser.parse_args()

    for split, n in (("train", args.train), ("t10k", args.test)):
        images_path = find(args.source, split + "-images-idx3-ubyte")
        labels_path = find(args.source, split + "-labels-idx1-ubyte")
        images = cut_images(read_idx(images_path), n, images_path)
        labels = cut_labels(read_idx(labels_path), n, labels_path)
        out_images = os.path.join(args.out, split + "-images-idx3-ubyte.gz")
        out_labels = os.path.join(args.out, split + "-labels-idx1-ubyte.gz")
        write_gz(out_images, images)
        write_gz(out_labels, labels)
        counts = [0] * len(CLASS_NAMES)
        for label in labels[8:]:
            counts[label] += 1
        print("%s: %d images -> %s (%d bytes), %s (%d bytes)" % (
            split, n, os.path.basename(out_images), os.path.getsize(out_images),
            os.path.basename(out_labels), os.path.getsize(out_labels)))
        for index, (name, count) in enumerate(zip(CLASS_NAMES, counts)):
            print("  %d %-12s %5d" % (index, name, count))


if __name__ == "__main__":
    main()
