package io.sftptest.server.event;

/**
 * A step of a connection's SSH progress, for information (seed: SSHStatus), e.g. "key exchange done",
 * "authenticated as alice", "channel 0 opened", "subsystem sftp started".
 *
 * @param connectionId the connection's id
 * @param message what happened
 */
public record SshStatusEvent(long connectionId, String message) {
}
