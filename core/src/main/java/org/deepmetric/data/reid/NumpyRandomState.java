package org.deepmetric.data.reid;

/**
 * NumPy's legacy {@code numpy.random.RandomState(seed)}, as far as the original's identity split
 * uses it ({@code choice(unique_ids, k, replace=False)}), so that the same seed holds out the
 * same identities in both tools.
 *
 * <ul>
 *   <li>the generator is MT19937 (Matsumoto and Nishimura), seeded as {@code init_genrand(seed)};
 *   <li>{@code random_interval(max)} draws 32-bit words, masks them with the smallest all-ones
 *       mask covering {@code max} and rejects values above it;
 *   <li>{@code shuffle} walks i from n - 1 down to 1 and swaps item i with item
 *       {@code random_interval(i)};
 *   <li>{@code choice(a, k, replace=False)} is {@code a[permutation(len(a))[:k]]}.
 * </ul>
 */
public final class NumpyRandomState {
  private static final int N = 624;
  private static final int M = 397;

  private final int[] state = new int[N];
  private int index = N;

  public NumpyRandomState(long seed) {
    if (seed < 0 || seed > 0xffffffffL) {
      throw new IllegalArgumentException("a RandomState seed is 0 to 2^32 - 1, got " + seed);
    }
    state[0] = (int) seed;
    for (int i = 1; i < N; i++) {
      state[i] = 1812433253 * (state[i - 1] ^ (state[i - 1] >>> 30)) + i;
    }
  }

  /** The next 32-bit output of MT19937, as an unsigned value. */
  public long nextUint32() {
    if (index >= N) {
      twist();
    }
    int y = state[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y & 0xffffffffL;
  }

  private void twist() {
    for (int i = 0; i < N; i++) {
      int y = (state[i] & 0x80000000) | (state[(i + 1) % N] & 0x7fffffff);
      int next = state[(i + M) % N] ^ (y >>> 1);
      state[i] = (y & 1) != 0 ? next ^ 0x9908b0df : next;
    }
    index = 0;
  }

  /** A uniform integer in [0, max] by NumPy's masked rejection ({@code max} below 2^32). */
  long interval(long max) {
    if (max == 0) {
      return 0;
    }
    long mask = max;
    for (int shift = 1; shift <= 16; shift <<= 1) {
      mask |= mask >>> shift;
    }
    long value;
    do {
      value = nextUint32() & mask;
    } while (value > max);
    return value;
  }

  /** {@code choice(values, count, replace=False)}: the first {@code count} of a permutation. */
  public int[] choiceWithoutReplacement(int[] values, int count) {
    if (count > values.length) {
      throw new IllegalArgumentException("cannot take " + count + " of " + values.length + " without replacement");
    }
    int[] order = new int[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = (int) interval(i);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int[] chosen = new int[count];
    for (int i = 0; i < count; i++) {
      chosen[i] = values[order[i]];
    }
    return chosen;
  }
}
