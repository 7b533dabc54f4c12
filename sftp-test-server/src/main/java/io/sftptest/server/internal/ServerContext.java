package io.sftptest.server.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.sftptest.server.RecordedRequest;
import io.sftptest.server.SftpStatus;

/**
 * What the MINA-side pieces of one server (authenticators, filesystem factory, SFTP subsystem)
 * share: users, the root, status messages and request observers.
 */
public final class ServerContext {
    private final Path serverRoot;
    private final Map<String, UserAccount> users = new ConcurrentHashMap<>();
    private final Map<SftpStatus, String> statusMessages = new ConcurrentHashMap<>();
    private final List<ServerObserver> observers = new CopyOnWriteArrayList<>();
    private final List<Consumer<RecordedRequest>> requestRecorders = new CopyOnWriteArrayList<>();
    private final List<Consumer<RecordedRequest>> requestListeners = new CopyOnWriteArrayList<>();
    private final ConnectionRegistry connections = new ConnectionRegistry(observers);
    private final AtomicLong sequence = new AtomicLong();
    private volatile int minVersion = 3;
    private volatile int maxVersion = 6;
    private final EventHub events;
    private volatile FaultRuleSet[] faultRules = {};
    private volatile Set<String> disabledExtensions = Set.of();
    private volatile int maxReadLength;
    private volatile FileState fileState;
    private volatile boolean noSuchPath;
    private volatile boolean appendIgnored;
    private volatile SftpQuirks quirks = SftpQuirks.NONE;

    /**
     * Creates a context.
     *
     * @param serverRoot the root directory every user's root lies within
     */
    public ServerContext(Path serverRoot) {
        this(serverRoot, new EventHub(new LiveSettings(), false));
    }

    /**
     * Creates a context with event listeners.
     *
     * @param serverRoot the root directory every user's root lies within
     * @param events the listeners and live settings
     */
    public ServerContext(Path serverRoot, EventHub events) {
        this.serverRoot = serverRoot;
        this.events = events;
    }

    /**
     * Sets the fault rules: a request or connection meets the rules of the first set, then, when none of them
     * fired, those of the next.
     *
     * @param sets the rule sets, in the order they are consulted
     */
    public void setFaultRules(FaultRuleSet... sets) {
        this.faultRules = sets.clone();
    }

    /** Returns the fault rule sets, in the order they are consulted. */
    FaultRuleSet[] faultRules() {
        return faultRules;
    }

    /**
     * Returns the state of the files that a test controls: disk limits, open files and locks, the clock, growth.
     *
     * @return the state
     */
    public FileState fileState() {
        return fileState;
    }

    /**
     * Sets the state of the files.
     *
     * @param state the state
     */
    public void setFileState(FileState state) {
        this.fileState = state;
    }

    /**
     * Returns the event listeners and live settings.
     *
     * @return the hub
     */
    public EventHub events() {
        return events;
    }

    /**
     * Returns the server's root directory.
     *
     * @return the root
     */
    public Path serverRoot() {
        return serverRoot;
    }

    /**
     * Returns the users by name (mutable, thread-safe).
     *
     * @return the users
     */
    public Map<String, UserAccount> users() {
        return users;
    }

    /**
     * Returns the message texts sent with a status instead of MINA's own (mutable, thread-safe).
     *
     * @return the messages
     */
    public Map<SftpStatus, String> statusMessages() {
        return statusMessages;
    }

    /**
     * Returns the observers of connections, authentication and requests (mutable, thread-safe).
     *
     * @return the observers
     */
    public List<ServerObserver> observers() {
        return observers;
    }

    /**
     * Returns what records SFTP requests (mutable, thread-safe): each is called once per request, on the
     * subsystem's thread, when the request is settled for the record: just before its answer is sent (so a test
     * that asserts right after its client call returned finds it), just before a fault closes the connection or
     * channel on it (so a test waiting for the close finds it), or when it ended without an answer.
     *
     * @return the recorders
     */
    public List<Consumer<RecordedRequest>> requestRecorders() {
        return requestRecorders;
    }

    /**
     * Hands a request's record to every recorder, when there is one.
     *
     * @param record makes the record; called only when something records
     */
    void record(Supplier<RecordedRequest> record) {
        deliver(record, requestRecorders);
    }

    /**
     * Tells every request listener that a request is done, when there is one.
     *
     * @param record makes the record; called only when something listens
     */
    void requestCompleted(Supplier<RecordedRequest> record) {
        deliver(record, requestListeners);
    }

    /** Makes the record only when someone takes it: a request nothing records costs no record. */
    private static void deliver(Supplier<RecordedRequest> record, List<Consumer<RecordedRequest>> takers) {
        if (takers.isEmpty()) {
            return;
        }
        RecordedRequest made = record.get();
        for (Consumer<RecordedRequest> taker : takers) {
            taker.accept(made);
        }
    }

    /**
     * Returns the listeners called with every SFTP request once it was answered (mutable, thread-safe).
     *
     * @return the listeners
     */
    public List<Consumer<RecordedRequest>> requestListeners() {
        return requestListeners;
    }

    /**
     * Returns the connection registry.
     *
     * @return the registry
     */
    public ConnectionRegistry connections() {
        return connections;
    }

    /**
     * Returns the directory that is "/" for a user: the server root, or the user's own root below it.
     *
     * @param account the user
     * @return the user's root directory
     */
    public Path userRoot(UserAccount account) {
        if (account == null || account.rootDirectory() == null) {
            return serverRoot;
        }
        return PathConfinement.resolveInside(serverRoot, account.rootDirectory());
    }

    /**
     * Takes what the SFTP side reads of the built settings: the versions offered, the status messages, the
     * extensions disabled, the cap on one {@code SSH_FXP_READ} (small-reads), whether an OPEN's append is ignored,
     * whether a request on a path whose directory does not exist answers {@code NO_SUCH_PATH} to v4+ clients
     * (no-such-path), and the other quirks of real servers ({@link SftpQuirks}), read when the SFTP
     * subsystem factory is made.
     *
     * @param settings the built settings
     */
    public void apply(ServerSettings settings) {
        this.minVersion = settings.minVersion();
        this.maxVersion = settings.maxVersion();
        statusMessages.putAll(settings.statusMessages());
        this.disabledExtensions = settings.disabledExtensions();
        this.maxReadLength = settings.maxReadLength();
        this.noSuchPath = settings.noSuchPath();
        this.appendIgnored = settings.appendIgnored();
        this.quirks = settings.quirks();
    }

    /**
     * Returns how the SFTP answers differ from MINA's (the personalities' quirks).
     *
     * @return the quirks, {@link SftpQuirks#NONE} by default
     */
    public SftpQuirks quirks() {
        return quirks;
    }

    /**
     * Returns the cap on one read.
     *
     * @return bytes, or 0 for no cap
     */
    public int maxReadLength() {
        return maxReadLength;
    }

    /**
     * Returns whether a missing directory answers {@code NO_SUCH_PATH} to v4+ clients.
     *
     * @return false by default: {@code NO_SUCH_FILE} at every version, as most servers answer
     */
    public boolean noSuchPath() {
        return noSuchPath;
    }

    /**
     * Returns whether a file opened to append is written at each WRITE's offset, as servers that ignore the
     * append flag do (mina-sshd#690).
     *
     * @return false by default: writes to such a file land at its end
     */
    public boolean appendIgnored() {
        return appendIgnored;
    }

    /**
     * Returns the SFTP extensions the server neither announces nor accepts.
     *
     * @return extension names, e.g. {@code posix-rename@openssh.com}
     */
    public Set<String> disabledExtensions() {
        return disabledExtensions;
    }

    /**
     * Returns the lowest SFTP version offered.
     *
     * @return 3 to 6
     */
    public int minVersion() {
        return minVersion;
    }

    /**
     * Returns the highest SFTP version offered.
     *
     * @return 3 to 6
     */
    public int maxVersion() {
        return maxVersion;
    }

    /**
     * Returns the next server-wide request sequence number.
     *
     * @return a number counting from 1
     */
    public long nextSequence() {
        return sequence.incrementAndGet();
    }
}
