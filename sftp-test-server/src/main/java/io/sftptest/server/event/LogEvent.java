package io.sftptest.server.event;

/**
 * One log message of the server (seed: Log), sent when its level is at most the {@code LogLevel}
 * setting.
 *
 * @param connectionId the connection it concerns, or 0 for the server itself
 * @param logLevel 1 (Info: connections, authentication, handshake), 2 (Verbose: every SFTP request),
 *        3 (Debug: request details)
 * @param message the message
 * @param logType the kind of message: "Info", "Verbose" or "Debug"
 */
public record LogEvent(long connectionId, int logLevel, String message, String logType) {
}
