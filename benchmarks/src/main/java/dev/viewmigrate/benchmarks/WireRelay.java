package dev.viewmigrate.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measurement, not mocking: a TCP relay on localhost between a client and the real PostgreSQL server that counts
 * round trips on the wire, whatever the client is (viewmigrate, Flyway, anything speaking JDBC). A round trip is
 * counted each time the server starts answering after the client sent something: the client was waiting. Connection
 * set-up (SSL request, start-up, authentication) counts as the round trips it takes; a message the server does not
 * answer (Terminate on close) counts as none.
 *
 * <p>Counting needs no knowledge of the protocol: the server only ever answers what the relay already forwarded, so
 * "client sent" is always recorded before the answer it causes.
 */
final class WireRelay implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger roundTrips = new AtomicInteger();
    private final List<Socket> sockets = new ArrayList<>();
    private final Thread acceptor;

    WireRelay(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "wire-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The JDBC URL {@code jdbcUrl} with host and port replaced by this relay's. */
    String relayUrl(String jdbcUrl) {
        Psql.Endpoint endpoint = Psql.Endpoint.of(jdbcUrl);
        int query = jdbcUrl.indexOf('?');
        return "jdbc:postgresql://127.0.0.1:" + listener.getLocalPort() + "/" + endpoint.database()
                + (query >= 0 ? jdbcUrl.substring(query) : "");
    }

    /** Where psql should connect to go through this relay. */
    Psql.Endpoint endpoint(String jdbcUrl) {
        return new Psql.Endpoint("127.0.0.1", listener.getLocalPort(), Psql.Endpoint.of(jdbcUrl).database());
    }

    int connections() {
        return connections.get();
    }

    int roundTrips() {
        return roundTrips.get();
    }

    void reset() {
        connections.set(0);
        roundTrips.set(0);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(server);
                }
                connections.incrementAndGet();
                Conversation conversation = new Conversation();
                pump(client, server, conversation, true);
                pump(server, client, conversation, false);
            } catch (IOException e) {
                // Closed while waiting for a connection: the relay is shutting down.
            }
        }
    }

    /** Who spoke last on one connection. */
    private static final class Conversation {
        private boolean clientSpokeLast;
    }

    private void pump(Socket from, Socket to, Conversation conversation, boolean fromClient) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    synchronized (conversation) {
                        if (fromClient) {
                            conversation.clientSpokeLast = true;
                        } else if (conversation.clientSpokeLast) {
                            conversation.clientSpokeLast = false;
                            roundTrips.incrementAndGet();
                        }
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // One side closed the connection; closing the other side ends the pump in the opposite direction.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, fromClient ? "wire-relay-to-server" : "wire-relay-to-client");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed by the other pump.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (sockets) {
            sockets.forEach(WireRelay::closeQuietly);
        }
    }
}
