package vn.customs.swg.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The listener on 127.0.0.1:{@link CorpusWriter#LISTENER_PORT} every external URI of the corpus
 * points at (entities, DTDs, XInclude, schema hints, transforms, reference URIs). It accepts and
 * closes, and counts: a gateway that never reaches out leaves {@link #connections()} at zero. If
 * the port is taken, opening fails, visibly.
 */
public final class CorpusListener implements AutoCloseable {

  private final ServerSocket socket;
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;

  private CorpusListener(ServerSocket socket) {
    this.socket = socket;
    this.acceptor = new Thread(this::accept, "corpus-listener");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static CorpusListener open() {
    try {
      return new CorpusListener(new ServerSocket(CorpusWriter.LISTENER_PORT, 50, InetAddress.getLoopbackAddress()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + CorpusWriter.LISTENER_PORT, e);
    }
  }

  /** Connections the gateway made to the listener so far: any is an outbound request it must not make. */
  public int connections() {
    return connections.get();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try (Socket ignored = socket.accept()) {
        connections.incrementAndGet();
      } catch (IOException closed) {
        return;
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor.join(5000);
  }
}
