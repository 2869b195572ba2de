package org.deepmetric.data.reid;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file-name conventions of the two datasets.
 *
 * <ul>
 *   <li>Market1501: {@code PPPP_cCsS_FFFFFF_DD.jpg}: person PPPP ({@code -1} junk, {@code 0000}
 *       distractor), camera C (1-6), sequence S, frame FFFFFF, detection DD. Read as torchreid
 *       reads it, {@code ([-\d]+)_c(\d)} at the start of a {@code .jpg} name: person and camera,
 *       the rest free, so the datasets published in Market-1501's layout load too
 *       (DukeMTMC-reID's {@code 0001_c2_f0046182.jpg}, CUHK03-NP, longer frame numbers); sequence
 *       and frame are taken where the rest follows Market-1501's own {@code sS_FFFFFF}, else 0.
 *   <li>MARS: {@code PPPPCcTttttFfff.jpg}: person PPPP ({@code 00-1} junk), camera c, tracklet
 *       tttt, frame fff.
 * </ul>
 */
public final class ReidNames {
  private static final Pattern MARKET1501 = Pattern.compile("(-1|\\d+)_c(\\d)(.*)\\.jpg");
  private static final Pattern MARKET1501_REST = Pattern.compile("s(\\d+)_(\\d+)(?:_\\d+)?");
  private static final Pattern MARS = Pattern.compile("(00-1|\\d{4})C(\\d)T(\\d{4})F(\\d{3,})\\.jpg");

  private ReidNames() {}

  public static Optional<PersonImage> market1501(Path file) {
    Matcher m = MARKET1501.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return Optional.empty();
    }
    Matcher rest = MARKET1501_REST.matcher(m.group(3));
    boolean market = rest.matches();
    try {
      return Optional.of(new PersonImage(file, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          market ? Integer.parseInt(rest.group(1)) : 0, market ? Integer.parseInt(rest.group(2)) : 0));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public static Optional<PersonImage> mars(Path file) {
    Matcher m = MARS.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return Optional.empty();
    }
    int person = m.group(1).equals("00-1") ? -1 : Integer.parseInt(m.group(1));
    return Optional.of(new PersonImage(file, person, Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))));
  }

  /** The MARS folder a name lives in: its first four characters ({@code 00-1} for junk). */
  public static String marsFolder(String name) {
    return name.substring(0, 4);
  }
}
