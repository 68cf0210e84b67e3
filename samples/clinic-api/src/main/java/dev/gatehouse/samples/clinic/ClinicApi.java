package dev.gatehouse.samples.clinic;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.samples.clinic.ClinicStore.Snapshot;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A small clinic-management API (patients, appointments, messages) for one or many customer accounts, on the JDK's
 * HTTP server with a virtual thread per request. The platform API that Gatehouse's gateway proxies in the demo, the
 * tests and the benchmark.
 *
 * <pre>{@code
 * try (ClinicApi api = ClinicApi.start(new InetSocketAddress("127.0.0.1", 0))) {
 *     // call api.baseUrl() + "/v1/patients" with X-Gatehouse-Account: acc_1
 *     api.received(); // what arrived, e.g. to check the headers a gateway forwarded
 * }
 * }</pre>
 *
 * <p>Run it with {@code java -jar clinic-api.jar [--port=8090] [--bind=127.0.0.1] [--data-file=path]
 * [--save-interval=30s] [--keep-requests=256]}.
 */
public final class ClinicApi implements AutoCloseable {

    static {
        // Read once, when the JDK's server classes load: set them before the first HttpServer of this JVM.
        defaultProperty("sun.net.httpserver.nodelay", "true"); // small responses must not wait for Nagle
        defaultProperty("sun.net.httpserver.maxIdleConnections", "1024"); // keep-alive for benchmark clients
        defaultProperty("sun.net.httpserver.idleInterval", "60"); // seconds an idle keep-alive connection stays open
        defaultProperty("sun.net.httpserver.maxReqTime", "30"); // seconds to receive a request, against slow clients
    }

    private static final Logger LOG = Logger.getLogger(ClinicApi.class.getName());

    /**
     * How to run the API.
     *
     * @param address      where to listen (port 0: any free port)
     * @param dataFile     JSON snapshot loaded at start and written periodically and on close, or {@code null}
     * @param saveInterval how often a changed store is written to {@code dataFile}
     * @param keepRequests how many requests {@link #received()} remembers (0: none, for benchmarks)
     */
    public record Options(InetSocketAddress address, Path dataFile, Duration saveInterval, int keepRequests) {

        public static final int DEFAULT_PORT = 8090;

        public Options {
            if (address == null) {
                throw new IllegalArgumentException("address is required");
            }
            if (saveInterval == null || saveInterval.isNegative() || saveInterval.isZero()) {
                throw new IllegalArgumentException("saveInterval must be positive");
            }
            if (keepRequests < 0) {
                throw new IllegalArgumentException("keepRequests must not be negative");
            }
        }

        public static Options of(InetSocketAddress address) {
            return new Options(address, null, Duration.ofSeconds(30), 256);
        }

        public Options withDataFile(Path file) {
            return new Options(address, file, saveInterval, keepRequests);
        }

        /** {@code --port=8090 --bind=127.0.0.1 --data-file=path --save-interval=30s --keep-requests=256}. */
        public static Options parse(String... args) {
            int port = DEFAULT_PORT;
            String bind = "127.0.0.1";
            Path dataFile = null;
            Duration saveInterval = Duration.ofSeconds(30);
            int keep = 256;
            for (String arg : args) {
                int eq = arg.indexOf('=');
                if (!arg.startsWith("--") || eq < 0) {
                    throw new IllegalArgumentException("expected --name=value, got " + arg);
                }
                String name = arg.substring(2, eq);
                String value = arg.substring(eq + 1);
                try {
                    switch (name) {
                        case "port" -> port = Integer.parseInt(value);
                        case "bind" -> bind = value;
                        case "data-file" -> dataFile = value.isEmpty() ? null : Path.of(value);
                        case "save-interval" -> saveInterval = duration(value);
                        case "keep-requests" -> keep = Integer.parseInt(value);
                        default -> throw new IllegalArgumentException("unknown option --" + name);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad value for --" + name + ": " + value);
                }
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port must be 0 to 65535");
            }
            return new Options(new InetSocketAddress(bind, port), dataFile, saveInterval, keep);
        }

        /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
        private static Duration duration(String value) {
            int digits = 0;
            while (digits < value.length() && Character.isDigit(value.charAt(digits))) {
                digits++;
            }
            long amount = Long.parseLong(value.substring(0, digits));
            return switch (value.substring(digits)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s", "" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> throw new NumberFormatException("unknown unit");
            };
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ClinicStore store;
    private final JsonMapper json;
    private final RequestLog log;
    private final Path dataFile;
    private final ScheduledExecutorService saver;
    private final Object saveLock = new Object();
    private long savedMutations = -1;
    private volatile boolean closed;

    private ClinicApi(Options options) throws IOException {
        this.json = JsonMapper.builder().build();
        this.store = new ClinicStore(json);
        this.log = new RequestLog(options.keepRequests());
        this.dataFile = options.dataFile();
        if (dataFile != null && Files.exists(dataFile)) {
            store.load(json.readValue(dataFile.toFile(), Snapshot.class));
            savedMutations = store.mutations();
        }
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.server = HttpServer.create(options.address(), 1024);
        server.createContext("/", new ClinicHandler(store, json, log));
        server.setExecutor(executor);
        if (dataFile != null) {
            saver = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("clinic-api-saver").factory());
            long every = options.saveInterval().toMillis();
            saver.scheduleWithFixedDelay(this::saveQuietly, every, every, TimeUnit.MILLISECONDS);
        } else {
            saver = null;
        }
        server.start();
    }

    /** Starts the API on {@code address} (port 0: a free port), without a data file. */
    public static ClinicApi start(InetSocketAddress address) {
        return start(Options.of(address));
    }

    public static ClinicApi start(Options options) {
        try {
            return new ClinicApi(options);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the clinic API on " + options.address(), e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port}, without a trailing slash. */
    public String baseUrl() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + address.getPort();
    }

    /** The last requests it received (at most {@link Options#keepRequests()}), oldest first. */
    public List<ReceivedRequest> received() {
        return log.snapshot();
    }

    /** The most recent request, or {@code null}. */
    public ReceivedRequest lastReceived() {
        List<ReceivedRequest> all = log.snapshot();
        return all.isEmpty() ? null : all.getLast();
    }

    /** Forgets the requests received so far. */
    public void clearReceived() {
        log.clear();
    }

    /** Writes the data file now (when there is one and something changed). */
    public void save() {
        if (dataFile == null) {
            return;
        }
        synchronized (saveLock) {
            long mutations = store.mutations();
            if (mutations == savedMutations) {
                return;
            }
            Snapshot snapshot = store.snapshot();
            try {
                Path absolute = dataFile.toAbsolutePath();
                Files.createDirectories(absolute.getParent());
                Path temp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
                json.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), snapshot);
                try {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + dataFile, e);
            }
            savedMutations = mutations;
        }
    }

    private void saveQuietly() {
        try {
            save();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not save the clinic data", e);
        }
    }

    /** Stops listening, finishes the requests under way and writes the data file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (saver != null) {
            saver.shutdownNow();
        }
        save();
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("clinic-api: " + e.getMessage());
            System.err.println("usage: java -jar clinic-api.jar [--port=8090] [--bind=127.0.0.1] [--data-file=path]"
                + " [--save-interval=30s] [--keep-requests=256]");
            System.exit(2);
            return;
        }
        ClinicApi api = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(api::close, "clinic-api-shutdown"));
        System.out.println("clinic-api listening on " + api.baseUrl()
            + (options.dataFile() == null ? "" : " (data file " + options.dataFile() + ")"));
    }

    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
