package io.sftptest.server;

/**
 * What the server answered to one authentication attempt, as the {@link RecordedRequest#authOutcome()} of an
 * {@link SftpOperation#AUTH} record. Named after the SSH messages (RFC 4252, section 5.1) the server sends.
 *
 * <pre>{@code
 * server.auth().user("alice").requireMethods("publickey", "password");
 * // ... a client logs in with its key, then its password ...
 * // #1.0 alice AUTH(publickey) : OK (partial success)    authOutcome() == PARTIAL_SUCCESS
 * // #1.0 alice AUTH(password) : OK                       authOutcome() == SUCCESS
 * }</pre>
 */
public enum AuthOutcome {
    /** {@code SSH_MSG_USERAUTH_SUCCESS}: the user is authenticated. The record's status is OK. */
    SUCCESS,
    /**
     * {@code SSH_MSG_USERAUTH_FAILURE} with partial success set: the method accepted the credentials, but the
     * client must go on with another method (e.g. a password after a public key). The record's status is OK:
     * the credentials were right; the user is not authenticated yet.
     */
    PARTIAL_SUCCESS,
    /** {@code SSH_MSG_USERAUTH_FAILURE} without partial success: refused. The record's status is PERMISSION_DENIED. */
    FAILURE
}
