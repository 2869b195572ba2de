package org.deepmetric.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepmetric.DeepMetricException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.net.ServerSocket;

/** Downloads from a server on the loopback address, serving fixture files under known checksums. */
class MnistDownloaderTest {
  @TempDir
  Path dir;

  private HttpServer server;
  private final Map<String, byte[]> served = new LinkedHashMap<>();

  @BeforeEach
  void startServer() throws IOException {
    served.put("train-images-idx3-ubyte.gz", IdxFixtures.gzip(IdxFixtures.images(5, 28)));
    served.put("train-labels-idx1-ubyte.gz", IdxFixtures.gzip(IdxFixtures.labels(5)));
    served.put("t10k-images-idx3-ubyte.gz", IdxFixtures.gzip(IdxFixtures.images(3, 28)));
    served.put("t10k-labels-idx1-ubyte.gz", IdxFixtures.gzip(IdxFixtures.labels(3)));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/mnist/", exchange -> {
      byte[] body = served.get(exchange.getRequestURI().getPath().substring("/mnist/".length()));
      exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
      if (body != null) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/");
  }

  private Map<String, String> checksums() throws IOException {
    Map<String, String> md5 = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> file : served.entrySet()) {
      Path copy = Files.write(Files.createTempFile(dir, "sum", ".bin"), file.getValue());
      md5.put(file.getKey(), MnistDownloader.md5(copy));
      Files.delete(copy);
    }
    return md5;
  }

  @Test
  void downloadsVerifiedFilesThatThenLoad() throws IOException {
    Path target = dir.resolve("MNIST");
    new MnistDownloader(List.of(base()), checksums()).downloadInto(target);
    assertArrayEquals(served.get("t10k-labels-idx1-ubyte.gz"), Files.readAllBytes(target.resolve("t10k-labels-idx1-ubyte.gz")));
    assertEquals(5, MnistDataset.load(target).train().size());
  }

  @Test
  void aChecksumMismatchKeepsNothing() throws IOException {
    Map<String, String> md5 = checksums();
    md5.put("train-labels-idx1-ubyte.gz", "0".repeat(32));
    Path target = dir.resolve("MNIST");
    String message = assertThrows(DeepMetricException.class,
        () -> new MnistDownloader(List.of(base()), md5).downloadInto(target)).getMessage();
    assertTrue(message.contains("train-labels-idx1-ubyte.gz") && message.contains("checksum"), message);
    assertFalse(Files.exists(target.resolve("train-labels-idx1-ubyte.gz")));
    assertFalse(Files.exists(target.resolve("train-labels-idx1-ubyte.gz.part")));
  }

  @Test
  void noNetworkIsAClearError() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI unreachable = URI.create("http://127.0.0.1:" + closedPort + "/mnist/");
    String message = assertThrows(DeepMetricException.class,
        () -> new MnistDownloader(List.of(unreachable), checksums()).downloadInto(dir.resolve("m"))).getMessage();
    assertTrue(message.startsWith("--download: could not fetch train-images-idx3-ubyte.gz"), message);
  }
}
