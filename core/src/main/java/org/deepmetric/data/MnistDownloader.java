package org.deepmetric.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepmetric.DeepMetricException;
import java.util.Collections;

/** Fetches the four MNIST files, verifying each against its published MD5 before it is kept. */
public final class MnistDownloader {
  /** The MD5 sums that torchvision and TensorFlow Datasets publish for the original files. */
  public static final Map<String, String> MNIST_MD5 = orderedMap(
      "train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873",
      "train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432",
      "t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3",
      "t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c");
  public static final List<URI> MNIST_MIRRORS = List.of(
      URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
      URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"));

  private final List<URI> mirrors;
  private final Map<String, String> md5ByFile;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(15)).followRedirects(HttpClient.Redirect.NORMAL).build();

  public MnistDownloader(List<URI> mirrors, Map<String, String> md5ByFile) {
    this.mirrors = mirrors;
    this.md5ByFile = md5ByFile;
  }

  public static MnistDownloader standard() {
    return new MnistDownloader(MNIST_MIRRORS, MNIST_MD5);
  }

  /** Downloads every file that {@code folder} does not already hold with the right checksum. */
  public void downloadInto(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new DeepMetricException(folder + ": cannot create folder (" + e.getMessage() + ")", e);
    }
    for (Map.Entry<String, String> file : md5ByFile.entrySet()) {
      Path target = folder.resolve(file.getKey());
      if (Files.isRegularFile(target) && md5(target).equals(file.getValue())) {
        continue;
      }
      fetch(file.getKey(), file.getValue(), target);
    }
  }

  private void fetch(String name, String expectedMd5, Path target) {
    StringBuilder failures = new StringBuilder();
    for (URI mirror : mirrors) {
      URI uri = mirror.resolve(name);
      Path partial = target.resolveSibling(name + ".part");
      try {
        HttpResponse<InputStream> response = http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
          response.body().close();
          failures.append("; ").append(uri).append(": HTTP ").append(response.statusCode());
          continue;
        }
        String actual;
        try (DigestInputStream in = new DigestInputStream(response.body(), MessageDigest.getInstance("MD5"));
             OutputStream out = Files.newOutputStream(partial)) {
          in.transferTo(out);
          actual = HexFormat.of().formatHex(in.getMessageDigest().digest());
        }
        if (!actual.equals(expectedMd5)) {
          Files.deleteIfExists(partial);
          failures.append("; ").append(uri).append(": checksum ").append(actual)
              .append(" is not the published ").append(expectedMd5);
          continue;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return;
      } catch (IOException e) {
        deleteQuietly(partial);
        failures.append("; ").append(uri).append(": ").append(describe(e));
      } catch (InterruptedException e) {
        deleteQuietly(partial);
        Thread.currentThread().interrupt();
        throw new DeepMetricException("download of " + name + " interrupted");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new DeepMetricException("--download: could not fetch " + name + " (no network?)" + failures);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
  }

  static String md5(Path file) {
    try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("MD5"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot read (" + e.getMessage() + ")", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // The download already failed; its message matters more than a leftover .part file.
    }
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }
}
