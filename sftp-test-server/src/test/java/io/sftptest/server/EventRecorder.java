package io.sftptest.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.sftptest.server.event.ConnectedEvent;
import io.sftptest.server.event.ConnectionRequestEvent;
import io.sftptest.server.event.DirCreateEvent;
import io.sftptest.server.event.DirListEvent;
import io.sftptest.server.event.DirRemoveEvent;
import io.sftptest.server.event.DisconnectedEvent;
import io.sftptest.server.event.ErrorEvent;
import io.sftptest.server.event.FileCloseEvent;
import io.sftptest.server.event.FileOpenEvent;
import io.sftptest.server.event.FileReadEvent;
import io.sftptest.server.event.FileRemoveEvent;
import io.sftptest.server.event.FileRenameEvent;
import io.sftptest.server.event.FileWriteEvent;
import io.sftptest.server.event.GetAttributesEvent;
import io.sftptest.server.event.LogEvent;
import io.sftptest.server.event.ResolvePathEvent;
import io.sftptest.server.event.SetAttributesEvent;
import io.sftptest.server.event.SshStatusEvent;
import io.sftptest.server.event.UserAuthRequestEvent;

/** A listener that keeps every event it sees, in order, and lets a test wait for one. */
public final class EventRecorder implements SftpServerListener {
    private final List<Object> events = new ArrayList<>();

    private synchronized void add(Object event) {
        events.add(event);
        notifyAll();
    }

    /** Returns the events of a type seen so far, in order. */
    public synchronized <T> List<T> all(Class<T> type) {
        List<T> result = new ArrayList<>();
        for (Object event : events) {
            if (type.isInstance(event)) {
                result.add(type.cast(event));
            }
        }
        return result;
    }

    /** Waits until an event of the type matches, and returns it. */
    public synchronized <T> T await(Class<T> type, Predicate<T> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (T event : all(type)) {
                if (condition.test(event)) {
                    return event;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + type.getSimpleName() + " matched within 10 s; seen: " + events);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public void onConnectionRequest(ConnectionRequestEvent event) {
        add(event);
    }

    @Override
    public void onConnected(ConnectedEvent event) {
        add(event);
    }

    @Override
    public void onDisconnected(DisconnectedEvent event) {
        add(event);
    }

    @Override
    public void onUserAuthRequest(UserAuthRequestEvent event) {
        add(event);
    }

    @Override
    public void onDirCreate(DirCreateEvent event) {
        add(event);
    }

    @Override
    public void onDirList(DirListEvent event) {
        add(event);
    }

    @Override
    public void onDirRemove(DirRemoveEvent event) {
        add(event);
    }

    @Override
    public void onFileOpen(FileOpenEvent event) {
        add(event);
    }

    @Override
    public void onFileRead(FileReadEvent event) {
        add(event);
    }

    @Override
    public void onFileWrite(FileWriteEvent event) {
        add(event);
    }

    @Override
    public void onFileClose(FileCloseEvent event) {
        add(event);
    }

    @Override
    public void onFileRemove(FileRemoveEvent event) {
        add(event);
    }

    @Override
    public void onFileRename(FileRenameEvent event) {
        add(event);
    }

    @Override
    public void onGetAttributes(GetAttributesEvent event) {
        add(event);
    }

    @Override
    public void onSetAttributes(SetAttributesEvent event) {
        add(event);
    }

    @Override
    public void onResolvePath(ResolvePathEvent event) {
        add(event);
    }

    @Override
    public void onSshStatus(SshStatusEvent event) {
        add(event);
    }

    @Override
    public void onLog(LogEvent event) {
        add(event);
    }

    @Override
    public void onError(ErrorEvent event) {
        add(event);
    }
}
