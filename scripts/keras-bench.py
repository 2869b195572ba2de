#!/usr/bin/env python3
"""The Keras side of PERFORMANCE.md's "Against Keras on the same machine": the same two trainings
written as a Keras user would write them, timed the way deepmetric times its own.

  lenet  the LeNet seed (5x5 convolutions with 6 and 16 filters, sigmoid, 2x2 max-pool, dense
         120-84-10, Adam 1e-3) on an MNIST-format folder (idx .gz files), batch 64, in the order
         the seed writes it (sigmoid, then pool). Figure: images per second of step time over
         steps 2..N, the first step left out, as `deepmetric lenet train` reports it.
  reid   the cosine-metric network (128x64 RGB, conv 32-32, pool, six residual blocks 32-32-64-64-
         128-128, dropout 0.4, dense 128, batch norm, ELU, L2 normalisation, cosine-softmax head
         over 1,502 classes, Adam 1e-3) on one random batch of 128, as `deepmetric bench` times
         it: 2 warm-up steps, then the median of 3 rounds of 5 steps. --mixed_bf16 uses Keras'
         mixed_bfloat16 policy.

Needs TensorFlow (tested with tensorflow-cpu 2.21.0 and the Keras 3.15 it brings):
  python3 scripts/keras-bench.py lenet --data_path DIR --steps 1000    # DIR: an MNIST-format folder
  python3 scripts/keras-bench.py reid
Prints one line: `keras <work> batch <B> <precision>: <images/s> images/s`.
"""
import argparse
import gzip
import os
import statistics
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402


class StepTimer(keras.callbacks.Callback):
    """Seconds of each training step, from batch begin (before its data is read) to batch end."""

    def __init__(self):
        super().__init__()
        self.seconds = []

    def on_train_batch_begin(self, batch, logs=None):
        self._started = time.perf_counter()

    def on_train_batch_end(self, batch, logs=None):
        self.seconds.append(time.perf_counter() - self._started)


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def lenet(args):
    images = read_idx(os.path.join(args.data_path, "train-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(args.data_path, "train-labels-idx1-ubyte.gz"))
    x = images.reshape(-1, 784).astype(np.float32) / 255.0
    y = labels.astype(np.int32)
    glorot = keras.initializers.GlorotUniform()
    model = keras.Sequential([
        keras.Input((784,)),
        layers.Reshape((28, 28, 1)),
        layers.Conv2D(6, 5, padding="same", activation="sigmoid", kernel_initializer=glorot),
        layers.MaxPooling2D(2, padding="same"),
        layers.Conv2D(16, 5, padding="same", activation="sigmoid", kernel_initializer=glorot),
        layers.MaxPooling2D(2, padding="same"),
        layers.Flatten(),
        layers.Dense(120, activation="sigmoid", kernel_initializer=glorot),
        layers.Dense(84, activation="sigmoid", kernel_initializer=glorot),
        layers.Dense(10, kernel_initializer=glorot),
    ])
    model.compile(optimizer=keras.optimizers.Adam(1e-3),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
    data = (tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(x), seed=1).repeat()
            .batch(args.batch, drop_remainder=True).prefetch(8))
    timer = StepTimer()
    model.fit(data, epochs=1, steps_per_epoch=args.steps, verbose=0, shuffle=False, callbacks=[timer])
    measured = timer.seconds[1:]
    report("LeNet train", args.batch, "fp32", args.batch * len(measured) / sum(measured))


def conv_bn_elu(x, filters, stride, decay):
    x = layers.Conv2D(filters, 3, stride, padding="same", use_bias=False,
                      kernel_initializer=keras.initializers.TruncatedNormal(stddev=1e-3),
                      kernel_regularizer=keras.regularizers.L2(decay))(x)
    x = layers.BatchNormalization(scale=False, epsilon=1e-3)(x)
    return layers.Activation("elu")(x)


def residual(x, increase_dim, first, decay):
    channels = x.shape[-1] * (2 if increase_dim else 1)
    y = x if first else layers.Activation("elu")(layers.BatchNormalization(scale=False, epsilon=1e-3)(x))
    y = conv_bn_elu(y, channels, 2 if increase_dim else 1, decay)
    y = layers.Dropout(0.4)(y)
    y = layers.Conv2D(channels, 3, padding="same", kernel_initializer=keras.initializers.TruncatedNormal(stddev=1e-3),
                      kernel_regularizer=keras.regularizers.L2(decay))(y)
    shortcut = x
    if increase_dim:
        shortcut = layers.Conv2D(channels, 1, 2, padding="same", use_bias=False,
                                 kernel_initializer=keras.initializers.TruncatedNormal(stddev=1e-3),
                                 kernel_regularizer=keras.regularizers.L2(decay))(x)
    return layers.Add()([shortcut, y])


class CosineSoftmax(layers.Layer):
    """logits = softplus(scale) * features . (class means, each column L2-normalised)."""

    def __init__(self, classes, **kwargs):
        super().__init__(**kwargs)
        self.classes = classes

    def build(self, input_shape):
        self.means = self.add_weight(shape=(input_shape[-1], self.classes),
                                     initializer=keras.initializers.TruncatedNormal(stddev=1e-3), name="mean_vectors")
        self.scale = self.add_weight(shape=(), initializer="zeros", name="scale",
                                     regularizer=keras.regularizers.L2(1e-1))

    def call(self, features):
        means = keras.ops.normalize(self.means, axis=0)
        return keras.ops.softplus(self.scale) * keras.ops.matmul(features, means)


def reid(args):
    if args.mixed_bf16:
        keras.mixed_precision.set_global_policy("mixed_bfloat16")
    decay = 1e-8
    inputs = keras.Input((128, 64, 3), dtype="uint8")
    x = layers.Rescaling(1 / 255.0)(inputs)
    x = conv_bn_elu(x, 32, 1, decay)
    x = conv_bn_elu(x, 32, 1, decay)
    x = layers.MaxPooling2D(3, 2, padding="same")(x)
    x = residual(x, False, True, decay)
    x = residual(x, False, False, decay)
    x = residual(x, True, False, decay)
    x = residual(x, False, False, decay)
    x = residual(x, True, False, decay)
    x = residual(x, False, False, decay)
    x = layers.Dropout(0.4)(layers.Flatten()(x))
    x = layers.Dense(128, use_bias=False, kernel_initializer=keras.initializers.TruncatedNormal(stddev=1e-3),
                     kernel_regularizer=keras.regularizers.L2(decay))(x)
    x = layers.Activation("elu")(layers.BatchNormalization(scale=False, epsilon=1e-3)(x))
    features = layers.UnitNormalization()(x)
    logits = CosineSoftmax(args.classes, dtype="float32")(features)
    model = keras.Model(inputs, logits)
    model.compile(optimizer=keras.optimizers.Adam(1e-3),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    random = np.random.default_rng(3)
    images = random.integers(0, 256, (args.batch, 128, 64, 3), dtype=np.uint8)
    labels = (1 + np.arange(args.batch) // 4).astype(np.int32)
    data = tf.data.Dataset.from_tensors((images, labels)).repeat()
    timer = StepTimer()
    model.fit(data, epochs=1, steps_per_epoch=2 + 3 * 5, verbose=0, shuffle=False, callbacks=[timer])
    rounds = [statistics.mean(timer.seconds[2 + 5 * r:7 + 5 * r]) for r in range(3)]
    report("re-ID train", args.batch, "mixed bf16" if args.mixed_bf16 else "fp32", args.batch / statistics.median(rounds))


def report(work, batch, precision, images_per_second):
    print(f"keras {work} batch {batch} {precision}: {images_per_second:.1f} images/s "
          f"(TensorFlow {tf.__version__}, Keras {keras.__version__})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="work", required=True)
    p = sub.add_parser("lenet")
    p.add_argument("--data_path", required=True, help="folder with the four MNIST-format idx .gz files")
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--batch", type=int, default=64)
    p = sub.add_parser("reid")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--classes", type=int, default=1502)
    p.add_argument("--mixed_bf16", action="store_true")
    args = parser.parse_args()
    if args.work == "lenet":
        for name in ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"):
            if not os.path.isfile(os.path.join(args.data_path, name)):
                parser.error(f"{os.path.join(args.data_path, name)}: no such file (an MNIST-format folder is needed)")
    lenet(args) if args.work == "lenet" else reid(args)


if __name__ == "__main__":
    main()
