package io.sftptest.server.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.sftptest.server.SftpTestServer;

/**
 * The runner's control API: HTTP/JSON on loopback (unless told otherwise), every request carrying the bearer token,
 * through the JDK's {@code com.sun.net.httpserver}. It drives the server only through its public API: fault rules,
 * reset, files, the recording and connections. {@code GET /openapi.json} describes every route.
 *
 * <pre>
 * curl -H "Authorization: Bearer $TOKEN" -d '{"rule": "OPEN /in/*.csv status=FAILURE once"}' \
 *      http://127.0.0.1:PORT/faults
 * </pre>
 *
 * <p>Requests are answered on a pool of threads, so several test workers can call at once, and one waiting in
 * {@code /recording/await} holds up nobody else. A refused request changes nothing and gets a 4xx with
 * {@code {"error": "..."}}, one line naming what is wrong. The token appears in no log and no message.
 */
public final class AdminServer implements AutoCloseable {
    /** The largest JSON body accepted (fault rules, awaits). */
    static final int MAX_JSON_BYTES = 64 * 1024;
    /** The largest file {@code PUT /files/...} accepts: it is held in memory once before it is written. */
    static final int MAX_FILE_BYTES = 64 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final int THREADS = 64;
    private static final String OPENAPI = "openapi.json";

    private final HttpServer http;
    private final ExecutorService executor;
    private final AdminToken token;
    private final Routes routes = new Routes();
    private final SftpTestServer server;
    private final List<String> users;
    private final byte[] openApi;

    /**
     * Where the API listens and the token it requires.
     *
     * @param host the address to bind, e.g. {@code 127.0.0.1}
     * @param port the port; 0 picks a free one
     * @param token the token
     */
    public record Settings(String host, int port, AdminToken token) {
    }

    private AdminServer(HttpServer http, ExecutorService executor, Settings settings, SftpTestServer server,
            StartRules startRules, FaultRuleGrammar grammar, List<String> users) {
        this.http = http;
        this.executor = executor;
        this.token = settings.token();
        this.server = server;
        this.users = List.copyOf(users);
        this.openApi = loadOpenApi();
        FaultEndpoints faults = new FaultEndpoints(server, startRules, grammar);
        routes.add("GET", "/", this::info)
                .add("GET", "/openapi.json", request -> {
                    request.query(Set.of());
                    return Reply.bytes(200, Reply.JSON, openApi);
                })
                .add("POST", "/reset", request -> {
                    request.query(Set.of());
                    faults.resetServer();
                    return Reply.json(200, json -> json.writeBooleanField("reset", true));
                });
        faults.addTo(routes);
        new FileEndpoints(server).addTo(routes);
        new RecordingEndpoints(server).addTo(routes);
        new ConnectionEndpoints(server).addTo(routes);
    }

    /**
     * Starts the API for a running server. A host beyond loopback is logged as a warning first: whoever reaches the
     * port and has the token can read and change the server's files.
     *
     * @param settings where to listen and the token
     * @param server the running server
     * @param startRules the fault rules given at start
     * @param grammar the {@code --fault} grammar
     * @param users the user names, for {@code GET /}
     * @return the started API
     * @throws IOException when the address cannot be bound
     */
    public static AdminServer start(Settings settings, SftpTestServer server, StartRules startRules,
            FaultRuleGrammar grammar, List<String> users) throws IOException {
        InetAddress address = InetAddress.getByName(settings.host());
        for (String warning : warnings(address, settings.port())) {
            LOG.warn(warning);
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(address, settings.port()), 50);
        ExecutorService executor = executor();
        AdminServer admin = new AdminServer(http, executor, settings, server, startRules, grammar, users);
        http.createContext("/", admin::handle);
        http.setExecutor(executor);
        http.start();
        return admin;
    }

    /**
     * Returns the warnings for an admin address: none on loopback.
     *
     * @param address the address the API is to listen on
     * @param port the port asked for
     * @return the warnings
     */
    public static List<String> warnings(InetAddress address, int port) {
        List<String> warnings = new ArrayList<>();
        if (!address.isLoopbackAddress()) {
            warnings.add("the admin API listens on " + address.getHostAddress() + ":" + port + " (--admin-host), "
                    + "which other machines can reach: anyone with the token can read, write and delete the "
                    + "server's files, and the token travels unencrypted; leave --admin-host out to keep it on "
                    + "127.0.0.1 unless a container or another host must call it");
        }
        return warnings;
    }

    private static ExecutorService executor() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "sftp-test-server-admin-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * Returns the API's base URI, {@code http://HOST:PORT/}.
     *
     * @return the URI
     */
    public URI uri() {
        InetSocketAddress address = http.getAddress();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
    }

    /**
     * Returns the routes, e.g. {@code GET /faults/{id}}, for the route table's test against {@code /openapi.json}.
     *
     * @return method and pattern of each route
     */
    public List<String> routes() {
        return routes.all().stream().map(Routes.Route::toString).toList();
    }

    /** Stops listening and ends the requests still running (an await answers 503). */
    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try {
            Reply reply;
            try {
                if (!token.matches(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    throw ApiError.of(401, "missing or wrong token: send the header \"Authorization: Bearer TOKEN\" "
                            + "with the token the runner printed (Admin on ... token TOKEN) or got with --admin-token",
                            Map.of(), Map.of("WWW-Authenticate", "Bearer realm=\"sftp-test-server\""));
                }
                Routes.Match match = routes.find(method, path);
                reply = match.route().endpoint().handle(new AdminRequest(exchange, match.parameters()));
            } catch (ApiError e) {
                reply = Reply.error(e);
            } catch (IllegalStateException e) {
                reply = Reply.error(ApiError.of(503, "the server cannot do that now: " + e.getMessage(), Map.of(),
                        Map.of()));
            } catch (RuntimeException e) {
                LOG.warn("admin request {} {} failed", method, path, e);
                reply = Reply.error(ApiError.of(500, "the request failed inside the server: " + e, Map.of(),
                        Map.of()));
            }
            send(exchange, method, reply);
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("admin request {} {}: the client went away", method, path, e);
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, String method, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean noBody = method.equals("HEAD") || reply.length() == 0;
        // HttpServer's lengths: -1 = no body, 0 = chunked
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.length() < 0 ? 0 : reply.length());
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                reply.body().writeTo(out);
            }
        }
    }

    private Reply info(AdminRequest request) {
        request.query(Set.of());
        return Reply.json(200, json -> {
            json.writeStringField("sftp", server.uri().toString());
            json.writeStringField("host", server.host());
            json.writeNumberField("port", server.port());
            Reply.stringArray(json, "users", users);
            json.writeObjectFieldStart("hostKey");
            json.writeStringField("algorithm", server.hostKey().algorithm());
            json.writeStringField("fingerprint", server.hostKey().fingerprint());
            json.writeStringField("knownHostsLine", server.knownHostsLine());
            json.writeEndObject();
            json.writeStringField("admin", uri().toString());
            json.writeStringField("openapi", "/openapi.json");
        });
    }

    private static byte[] loadOpenApi() {
        try (InputStream in = AdminServer.class.getResourceAsStream(OPENAPI)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI + " is missing beside " + AdminServer.class.getName()
                        + ": the jar is incomplete");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OPENAPI + ": " + e, e);
        }
    }
}
