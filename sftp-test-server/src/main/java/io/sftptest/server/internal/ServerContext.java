package io.sftptest.server.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

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
    private final ConnectionRegistry connections = new ConnectionRegistry(observers);
    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();
    private volatile int minVersion = 3;
    private volatile int maxVersion = 6;
    private final EventHub events;
    private volatile FaultHooks faults = FaultHooks.NONE;
    private volatile java.util.Set<String> disabledExtensions = java.util.Set.of();
    private volatile int maxReadLength;
    private volatile FileState fileState;
    private volatile boolean noSuchPath;

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
     * Returns the fault rules.
     *
     * @return the rules, {@link FaultHooks#NONE} until set
     */
    public FaultHooks faults() {
        return faults;
    }

    /**
     * Sets the fault rules.
     *
     * @param faults the rules
     */
    public void setFaults(FaultHooks faults) {
        this.faults = faults;
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
     * Sets the SFTP extensions the server neither announces nor accepts (clients get OP_UNSUPPORTED).
     *
     * @param names extension names
     */
    public void setDisabledExtensions(java.util.Collection<String> names) {
        this.disabledExtensions = java.util.Set.copyOf(names);
    }

    /**
     * Caps what one {@code SSH_FXP_READ} returns, whatever the client asks (the small-reads personality).
     *
     * @param bytes the largest read answered, or 0 for no cap
     */
    public void setMaxReadLength(int bytes) {
        this.maxReadLength = bytes;
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
     * Makes a request on a path whose directory does not exist answer {@code NO_SUCH_PATH} to v4+ clients instead
     * of MINA's {@code NO_SUCH_FILE} (the no-such-path personality); read when the SFTP subsystem factory is made.
     *
     * @param on true for {@code NO_SUCH_PATH}
     */
    public void setNoSuchPath(boolean on) {
        this.noSuchPath = on;
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
     * Returns the SFTP extensions the server neither announces nor accepts.
     *
     * @return extension names, e.g. {@code posix-rename@openssh.com}
     */
    public java.util.Set<String> disabledExtensions() {
        return disabledExtensions;
    }

    /**
     * Sets the SFTP versions offered.
     *
     * @param min the lowest version
     * @param max the highest version
     */
    public void setProtocolVersions(int min, int max) {
        this.minVersion = min;
        this.maxVersion = max;
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
