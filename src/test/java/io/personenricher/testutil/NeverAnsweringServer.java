package io.personenricher.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server that never finishes an answer, and counts the connections open at once as the
 * kernel sees them. Either {@linkplain #silent() silent} (reads the request, says nothing) or
 * {@linkplain #trickling() trickling} (sends a 200 head, then one body byte every 50 ms, never the
 * end, so no idle timeout ever fires).
 *
 * <p>The count is exact rather than a race between event loops: before a new connection is counted,
 * every open one is read to its end, so one the client already closed (its FIN precedes the new
 * connection's SYN on loopback) is no longer counted.
 *
 * <p>Threading notes: one daemon thread owns the selector and the channels; the counters are
 * atomics read by the test thread.
 */
public final class NeverAnsweringServer implements AutoCloseable {

  private static final long TRICKLE_MILLIS = 50;
  private static final byte[] HEAD =
      ("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
              + "1\r\n[\r\n")
          .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CHUNK = "1\r\n \r\n".getBytes(StandardCharsets.US_ASCII);

  private final boolean trickle;
  private final Selector selector;
  private final ServerSocketChannel server;
  private final Thread loop;

  /** Open connections, each with the bytes read from it so far; loop thread only. */
  private final Map<SocketChannel, StringBuilder> open = new HashMap<>();

  private final AtomicInteger openConnections = new AtomicInteger();
  private final AtomicInteger maxOpenConnections = new AtomicInteger();
  private final AtomicInteger requestsReceived = new AtomicInteger();
  private volatile boolean closed;
  private volatile Exception failure;

  /** Reads each request and never answers. */
  public static NeverAnsweringServer silent() {
    return new NeverAnsweringServer(false);
  }

  /** Starts each answer and never ends it. */
  public static NeverAnsweringServer trickling() {
    return new NeverAnsweringServer(true);
  }

  private NeverAnsweringServer(boolean trickle) {
    this.trickle = trickle;
    try {
      selector = Selector.open();
      server = ServerSocketChannel.open();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      server.configureBlocking(false);
      server.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    loop = new Thread(this::run, "never-answering-server");
    loop.setDaemon(true);
    loop.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.socket().getLocalPort();
  }

  public int openConnections() {
    return openConnections.get();
  }

  /** The most connections that were open at once. */
  public int maxOpenConnections() {
    return maxOpenConnections.get();
  }

  /** Requests read in full (head and body). */
  public int requestsReceived() {
    return requestsReceived.get();
  }

  @Override
  public void close() {
    closed = true;
    selector.wakeup();
    try {
      loop.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw new IllegalStateException("the server's loop failed", failure);
    }
  }

  private void run() {
    try (selector;
        server) {
      while (!closed) {
        selector.select(TRICKLE_MILLIS);
        for (SelectionKey key : selector.selectedKeys()) {
          if (!key.isValid()) {
            continue; // closed while draining before an accept
          }
          if (key.isAcceptable()) {
            accept();
          } else if (key.isReadable()) {
            drain((SocketChannel) key.channel());
          }
        }
        selector.selectedKeys().clear();
        if (trickle) {
          new ArrayList<>(open.keySet()).forEach(c -> write(c, CHUNK, true));
        }
      }
      for (SocketChannel c : new ArrayList<>(open.keySet())) {
        c.close();
      }
    } catch (IOException | RuntimeException e) {
      failure = e;
    }
  }

  private void accept() throws IOException {
    SocketChannel channel = server.accept();
    if (channel == null) {
      return;
    }
    // Forget the connections the client has already closed before counting this one.
    new ArrayList<>(open.keySet()).forEach(this::drain);
    channel.configureBlocking(false);
    channel.register(selector, SelectionKey.OP_READ);
    open.put(channel, new StringBuilder());
    maxOpenConnections.accumulateAndGet(openConnections.incrementAndGet(), Math::max);
  }

  /** Reads what has arrived; closes the connection at its end. */
  private void drain(SocketChannel channel) {
    StringBuilder seen = open.get(channel);
    if (seen == null) {
      return;
    }
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    try {
      int n;
      while ((n = channel.read(buffer)) > 0) {
        buffer.flip();
        boolean before = requestComplete(seen);
        seen.append(StandardCharsets.US_ASCII.decode(buffer));
        buffer.clear();
        if (!before && requestComplete(seen)) {
          requestsReceived.incrementAndGet();
          if (trickle) {
            write(channel, HEAD, false);
          }
        }
      }
      if (n < 0) {
        forget(channel);
      }
    } catch (IOException e) {
      forget(channel);
    }
  }

  private void write(SocketChannel channel, byte[] bytes, boolean onlyAfterRequest) {
    StringBuilder seen = open.get(channel);
    if (seen == null || (onlyAfterRequest && !requestComplete(seen))) {
      return;
    }
    try {
      channel.write(ByteBuffer.wrap(bytes));
    } catch (IOException e) {
      forget(channel);
    }
  }

  private void forget(SocketChannel channel) {
    if (open.remove(channel) != null) {
      openConnections.decrementAndGet();
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // Already gone: nothing to release.
    }
  }

  /** Whether the head and the content-length body of the one request have arrived. */
  private static boolean requestComplete(StringBuilder seen) {
    int end = seen.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    String head = seen.substring(0, end).toLowerCase(Locale.ROOT);
    int at = head.indexOf("content-length:");
    if (at < 0) {
      return true;
    }
    int lineEnd = head.indexOf("\r\n", at);
    String value = head.substring(at + 15, lineEnd < 0 ? head.length() : lineEnd).trim();
    return seen.length() - (end + 4) >= Integer.parseInt(value);
  }
}
