package io.sftptest.server.internal;

/** Sees every SFTP request after it was answered. Called on the subsystem's thread: keep it quick. */
@FunctionalInterface
public interface RequestObserver {
    /**
     * Called once the answer to a request was sent.
     *
     * @param request the request and its answer
     */
    void requestCompleted(RequestInfo request);
}
