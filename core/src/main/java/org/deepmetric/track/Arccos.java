package org.deepmetric.track;

/**
 * fdlibm's arc cosine (e_acos.c) in Java: the same bits as {@link StrictMath#acos}, which Java 17
 * reaches through a native call that took 80% of OC-SORT's time on a crowd of 100 people (one
 * angle per track and detection pair, every frame). The argument is reduced to |x| < 0.5 or to
 * sqrt((1 -+ x) / 2), and a rational approximation of asin does the rest.
 */
final class Arccos {
  private static final double PI = 3.14159265358979311600e+00;
  private static final double PIO2_HI = 1.57079632679489655800e+00;
  private static final double PIO2_LO = 6.12323399573676603587e-17;
  private static final double PS0 = 1.66666666666666657415e-01;
  private static final double PS1 = -3.25565818622400915405e-01;
  private static final double PS2 = 2.01212532134862925881e-01;
  private static final double PS3 = -4.00555345006794114027e-02;
  private static final double PS4 = 7.91534994289814532176e-04;
  private static final double PS5 = 3.47933107596021167570e-05;
  private static final double QS1 = -2.40339491173441421878e+00;
  private static final double QS2 = 2.02094576023350569471e+00;
  private static final double QS3 = -6.88283971605453293030e-01;
  private static final double QS4 = 7.70381505559019352791e-02;

  private Arccos() {}

  static double acos(double x) {
    long bits = Double.doubleToRawLongBits(x);
    int hx = (int) (bits >> 32);
    int lx = (int) bits;
    int ix = hx & 0x7fffffff;
    if (ix >= 0x3ff00000) {
      if (((ix - 0x3ff00000) | lx) == 0) {
        return hx > 0 ? 0.0 : PI + 2.0 * PIO2_LO;
      }
      return (x - x) / (x - x);
    }
    if (ix < 0x3fe00000) {
      if (ix <= 0x3c600000) {
        return PIO2_HI + PIO2_LO;
      }
      double z = x * x;
      double r = p(z) / q(z);
      return PIO2_HI - (x - (PIO2_LO - x * r));
    } else if (hx < 0) {
      double z = (1.0 + x) * 0.5;
      double s = Math.sqrt(z);
      double r = p(z) / q(z);
      double w = r * s - PIO2_LO;
      return PI - 2.0 * (s + w);
    } else {
      double z = (1.0 - x) * 0.5;
      double s = Math.sqrt(z);
      double df = Double.longBitsToDouble(Double.doubleToRawLongBits(s) & 0xffffffff00000000L);
      double c = (z - df * df) / (s + df);
      double r = p(z) / q(z);
      double w = r * s + c;
      return 2.0 * (df + w);
    }
  }

  private static double p(double z) {
    return z * (PS0 + z * (PS1 + z * (PS2 + z * (PS3 + z * (PS4 + z * PS5)))));
  }

  private static double q(double z) {
    return 1.0 + z * (QS1 + z * (QS2 + z * (QS3 + z * QS4)));
  }
}
