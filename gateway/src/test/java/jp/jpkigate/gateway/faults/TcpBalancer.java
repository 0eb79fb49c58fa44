package jp.jpkigate.gateway.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A layer-4 load balancer in front of gateway replicas, as a cloud load balancer or a Kubernetes
 * Service is: each new connection goes to the first backend, or to the next one when that one
 * refuses it (a killed replica's port is closed); bytes are copied both ways, and when either side
 * closes or breaks both are closed, so a replica killed under a request leaves its client a broken
 * connection, as behind a real balancer. Blocking sockets on daemon threads of its own, never an
 * event loop.
 */
final class TcpBalancer implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MILLIS = 1000;

    private final ServerSocket server;
    private final List<Integer> backends;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "tcp-balancer");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private TcpBalancer(ServerSocket server, List<Integer> backends) {
        this.server = server;
        this.backends = List.copyOf(backends);
    }

    /** Listens on loopback {@code port} in front of the loopback {@code backends}, in order of preference. */
    static TcpBalancer start(int port, List<Integer> backends) throws IOException {
        TcpBalancer balancer = new TcpBalancer(new ServerSocket(port, 256, InetAddress.getByName("127.0.0.1")), backends);
        balancer.threads.execute(balancer::accept);
        return balancer;
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                threads.execute(() -> connect(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** To the first backend that accepts; the client's connection closes when none does. */
    private void connect(Socket client) {
        for (int i = 0; i < backends.size(); i++) {
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"),
                        backends.get(i)), CONNECT_TIMEOUT_MILLIS);
            } catch (IOException refused) {
                close(upstream);
                continue;
            }
            open.add(upstream);
            threads.execute(() -> copy(client, upstream));
            copy(upstream, client);
            return;
        }
        close(client);
    }

    private void copy(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException broken) {
            // the other side closed or reset: both ends close below
        } finally {
            close(from);
            close(to);
        }
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(this::close);
        threads.shutdownNow();
    }
}
