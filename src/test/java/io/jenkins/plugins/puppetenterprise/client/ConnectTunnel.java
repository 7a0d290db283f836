package io.jenkins.plugins.puppetenterprise.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP CONNECT proxy on loopback that tunnels every target to the same port on loopback, as a
 * corporate proxy would tunnel to the real host. It lets a test reach the simulator under a host
 * name that is not in its certificate, and proves the client uses a proxy given to it.
 */
final class ConnectTunnel implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> targets = new CopyOnWriteArrayList<>();

    ConnectTunnel() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    ProxySelector proxySelector() {
        return ProxySelector.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
    }

    /** The {@code host:port} of every CONNECT request seen. */
    List<String> targets() {
        return targets;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> tunnel(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void tunnel(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String target = head.split(" ")[1];
            targets.add(target);
            int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = client.getOutputStream();
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                threads.execute(() -> pump(upstream, client));
                pump(client, upstream);
            }
        } catch (IOException | RuntimeException e) {
            // the client or the upstream closed the tunnel
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
