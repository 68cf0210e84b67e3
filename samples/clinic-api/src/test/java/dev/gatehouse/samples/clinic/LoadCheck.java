package dev.gatehouse.samples.clinic;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A quick throughput check, not a benchmark: {@code connections} keep-alive connections on raw sockets, each sending
 * one GET after another for {@code seconds}, then requests per second and latency percentiles. Loopback only.
 *
 * <pre>{@code
 * java -cp target/classes:target/test-classes dev.gatehouse.samples.clinic.LoadCheck 8090 /v1/patients/pat_... acc_1 16 10
 * }</pre>
 */
public final class LoadCheck {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String path = args[1];
        String account = args[2];
        int connections = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Gatehouse-Account: " + account
            + "\r\nX-Gatehouse-App: app_load\r\nX-Request-Id: load\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        run(port, request, connections, 2, null); // warm-up
        List<long[]> latencies = new ArrayList<>();
        long total = run(port, request, connections, seconds, latencies);
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
        System.out.printf("%s: %d connections, %d s: %d requests, %.0f req/s, p50 %.3f ms, p99 %.3f ms%n", path,
            connections, seconds, total, total / (double) seconds, all[all.length / 2] / 1e6,
            all[(int) (all.length * 0.99)] / 1e6);
    }

    private static long run(int port, byte[] request, int connections, int seconds, List<long[]> latencies)
        throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        long[] counts = new long[connections];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int index = c;
            long[] samples = new long[latencies == null ? 0 : 200_000];
            if (latencies != null) {
                latencies.add(samples);
            }
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                    long n = 0;
                    while (!stop.get()) {
                        long start = System.nanoTime();
                        out.write(request);
                        out.flush();
                        readResponse(in);
                        if (n < samples.length) {
                            samples[(int) n] = System.nanoTime() - start;
                        }
                        n++;
                    }
                    counts[index] = n;
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        return Arrays.stream(counts).sum();
    }

    /** Reads one response: the status line and headers up to the blank line, then Content-Length bytes. */
    private static void readResponse(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int length = 0;
        boolean first = true;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b == '\n') {
                String text = line.toString().trim();
                line.setLength(0);
                if (text.isEmpty()) {
                    break;
                }
                if (first && !text.startsWith("HTTP/1.1 200")) {
                    throw new IOException("unexpected " + text);
                }
                first = false;
                if (text.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(text.substring(15).trim());
                }
            } else {
                line.append((char) b);
            }
        }
        long skipped = 0;
        while (skipped < length) {
            long n = in.skip(length - skipped);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed");
                }
                n = 1;
            }
            skipped += n;
        }
    }
}
