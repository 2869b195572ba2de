package org.deepmetric.infer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.Images;
import org.deepmetric.data.MnistDataset;
import org.deepmetric.io.BinFiles;
import java.util.function.Predicate;

/**
 * Collects the digits of an inference folder: the seed's {@code images/input_<i>.bin} files (with
 * labels from {@code labels/input_<i>.bin} when present) and any PNG or JPEG images.
 *
 * <p>Pictures are turned into MNIST's form: grey level = mean of R, G and B; scaled to 28x28
 * bilinearly; values in [0,1]; and inverted when the border is brighter than the middle, since
 * MNIST digits are light strokes on a dark ground. A picture's label is its folder's name when
 * that is a single digit 0-9.
 */
public final class DigitInputs {
  private static final int SIDE = MnistDataset.SIDE;
  private static final int PIXELS = MnistDataset.PIXELS;
  private static final Pattern BIN_NAME = Pattern.compile("input_(\\d+)\\.bin");
  private static final Pattern PICTURE = Pattern.compile(".*\\.(png|jpe?g)$", Pattern.CASE_INSENSITIVE);

  private DigitInputs() {}

  public static List<DigitInput> read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DeepMetricException("--data_dir " + dir + ": no such folder");
    }
    List<DigitInput> inputs = new ArrayList<>(readBinFiles(dir));
    inputs.addAll(readPictures(dir));
    if (inputs.isEmpty()) {
      throw new DeepMetricException("--data_dir " + dir + ": no images/input_<i>.bin files and no PNG or JPEG images");
    }
    return inputs;
  }

  private static List<DigitInput> readBinFiles(Path dir) {
    Path images = dir.resolve(BinFiles.IMAGES);
    Path labels = dir.resolve(BinFiles.LABELS);
    if (!Files.isDirectory(images)) {
      return List.of();
    }
    List<DigitInput> inputs = new ArrayList<>();
    for (Path file : list(images, p -> BIN_NAME.matcher(p.getFileName().toString()).matches())) {
      float[] pixels = BinFiles.readImage(file, PIXELS);
      Path labelFile = labels.resolve(file.getFileName());
      int label = Files.isRegularFile(labelFile) ? BinFiles.readLabel(labelFile, MnistDataset.NUM_CLASSES) : -1;
      inputs.add(new DigitInput(dir.relativize(file).toString(), pixels, label));
    }
    return inputs;
  }

  private static List<DigitInput> readPictures(Path dir) {
    List<DigitInput> inputs = new ArrayList<>();
    List<Path> pictures;
    try (Stream<Path> walk = Files.walk(dir)) {
      pictures = walk.filter(Files::isRegularFile)
          .filter(p -> PICTURE.matcher(p.getFileName().toString()).matches())
          .sorted().toList();
    } catch (IOException e) {
      throw new DeepMetricException(dir + ": cannot list (" + e.getMessage() + ")", e);
    }
    for (Path picture : pictures) {
      String folder = picture.getParent().getFileName().toString();
      int label = folder.matches("[0-9]") ? Integer.parseInt(folder) : -1;
      inputs.add(new DigitInput(dir.relativize(picture).toString(), picturePixels(picture), label));
    }
    return inputs;
  }

  /** A PNG or JPEG file as 784 MNIST-style values in [0,1]. */
  public static float[] picturePixels(Path file) {
    BufferedImage small = Images.resize(Images.read(file), SIDE, SIDE);
    float[] pixels = new float[PIXELS];
    double border = 0;
    double middle = 0;
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        int rgb = small.getRGB(x, y);
        float grey = (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / (3f * 255f);
        pixels[y * SIDE + x] = grey;
        if (x == 0 || y == 0 || x == SIDE - 1 || y == SIDE - 1) {
          border += grey;
        } else {
          middle += grey;
        }
      }
    }
    int borderCount = 4 * SIDE - 4;
    if (border / borderCount > middle / (PIXELS - borderCount)) {
      for (int i = 0; i < PIXELS; i++) {
        pixels[i] = 1f - pixels[i];
      }
    }
    return pixels;
  }

  private static List<Path> list(Path dir, Predicate<Path> filter) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(filter).sorted(Comparator.comparingLong(DigitInputs::binIndex)).toList();
    } catch (IOException e) {
      throw new DeepMetricException(dir + ": cannot list (" + e.getMessage() + ")", e);
    }
  }

  private static long binIndex(Path file) {
    Matcher m = BIN_NAME.matcher(file.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
  }
}
