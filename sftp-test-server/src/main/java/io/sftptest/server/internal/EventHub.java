package io.sftptest.server.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sftptest.server.SftpServerListener;
import io.sftptest.server.event.ErrorEvent;
import io.sftptest.server.event.LogEvent;

/**
 * The listeners of one server and the settings they can change while it runs. Calls listeners in
 * registration order and keeps a throwing listener from breaking the server.
 */
public final class EventHub {
    private static final Logger LOG = LoggerFactory.getLogger("io.sftptest.server");
    private static final String[] LOG_TYPES = {"None", "Info", "Verbose", "Debug"};

    private final List<SftpServerListener> listeners = new CopyOnWriteArrayList<>();
    private final LiveSettings settings;
    private final boolean virtual;

    /**
     * Creates a hub.
     *
     * @param settings the live settings
     * @param virtual whether the server runs in virtual mode (no filesystem)
     */
    public EventHub(LiveSettings settings, boolean virtual) {
        this.settings = settings;
        this.virtual = virtual;
    }

    /**
     * Returns the live settings.
     *
     * @return the settings
     */
    public LiveSettings settings() {
        return settings;
    }

    /**
     * Returns whether the server serves every file-system request from listeners.
     *
     * @return true in virtual mode
     */
    public boolean virtual() {
        return virtual;
    }

    /**
     * Returns the listeners (mutable, thread-safe).
     *
     * @return the listeners
     */
    public List<SftpServerListener> listeners() {
        return listeners;
    }

    /**
     * Returns whether any listener is registered: without one, no event work is done.
     *
     * @return true when there is a listener
     */
    public boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /**
     * Calls every listener; a listener that throws is reported through the Error event and the rest are
     * still called.
     *
     * @param connectionId the connection concerned, for the Error event
     * @param call the call
     * @return the first exception a listener threw, or null
     */
    public RuntimeException fire(long connectionId, Consumer<SftpServerListener> call) {
        RuntimeException first = null;
        for (SftpServerListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException | Error e) {
                RuntimeException failure = e instanceof RuntimeException r ? r : new RuntimeException(e);
                if (first == null) {
                    first = failure;
                }
                LOG.warn("listener {} threw on connection {}: {}", listener, connectionId, e.toString(), e);
                error(connectionId, ErrorEvent.LISTENER_FAILED, "listener " + listener.getClass().getName()
                        + " threw " + e, e);
            }
        }
        return first;
    }

    /**
     * Fires the Error event; an exception from an error listener is logged and dropped.
     *
     * @param connectionId the connection, or 0
     * @param code the error code
     * @param description what happened
     * @param cause the exception, or null
     */
    public void error(long connectionId, int code, String description, Throwable cause) {
        ErrorEvent event = new ErrorEvent(connectionId, code, description, cause);
        for (SftpServerListener listener : listeners) {
            try {
                listener.onError(event);
            } catch (RuntimeException | Error e) {
                LOG.warn("error listener {} threw: {}", listener, e.toString(), e);
            }
        }
    }

    /**
     * Logs a message through SLF4J and, when {@code level} is at most the LogLevel setting, the Log event.
     *
     * @param connectionId the connection, or 0 for the server
     * @param level 1 Info, 2 Verbose, 3 Debug
     * @param message the message
     */
    public void log(long connectionId, int level, String message) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("#{} {}", connectionId, message);
        }
        if (level > settings.logLevel() || listeners.isEmpty()) {
            return;
        }
        LogEvent event = new LogEvent(connectionId, level, message, LOG_TYPES[Math.min(level, 3)]);
        for (SftpServerListener listener : listeners) {
            try {
                listener.onLog(event);
            } catch (RuntimeException | Error e) {
                LOG.warn("log listener {} threw: {}", listener, e.toString(), e);
            }
        }
    }

    /**
     * Returns whether a message of this level reaches anyone (to skip building it otherwise).
     *
     * @param level the level
     * @return true when it would be logged
     */
    public boolean logs(int level) {
        return (level <= settings.logLevel() && !listeners.isEmpty()) || LOG.isDebugEnabled();
    }
}
