package io.sftptest.server.event;

/**
 * A client tries to authenticate (seed: SSHUserAuthRequest). Fired once per attempt that reached a verdict,
 * with {@link #accept()} pre-filled with the server's own verdict (the configured users); a listener may
 * change it.
 *
 * <ul>
 * <li>{@code none}: the probe most clients send first; {@code authParam} is empty.</li>
 * <li>{@code password}: {@code authParam} is the password (the Log event masks it when MaskSensitiveData
 * is true).</li>
 * <li>{@code publickey}: {@code authParam} is the key in OpenSSH form ({@code ssh-ed25519 AAAA...}),
 * {@code keyAlgorithm} the signature algorithm. Fired for the signed attempt, and for an unsigned probe
 * with a key the server does not know.</li>
 * <li>{@code keyboard-interactive}: fired with the responses joined by newlines.</li>
 * </ul>
 *
 * <p>{@link #setPartialSuccess(boolean)} (with an accepted attempt) answers "partial success" and lists
 * {@link #availableMethods()}: the client goes on with another method, whose attempt fires this event
 * again. {@link #setAvailableMethods(String)} on a refused attempt changes the methods the failure lists.
 * {@link #setHomeDir(String)} on an accepted attempt sets the user's initial SFTP directory for this
 * connection.
 */
public final class UserAuthRequestEvent {
    private final long connectionId;
    private final String user;
    private final String service;
    private final String authMethod;
    private final String authParam;
    private final String keyAlgorithm;
    private boolean accept;
    private boolean partialSuccess;
    private String availableMethods;
    private String homeDir;

    /**
     * Creates the event.
     *
     * @param connectionId the connection
     * @param user the user name the client sent
     * @param service the SSH service asked for, normally {@code ssh-connection}
     * @param authMethod the method
     * @param authParam the token, see the class description
     * @param keyAlgorithm the signature algorithm of a publickey attempt, else null
     * @param accept the server's own verdict
     * @param availableMethods the methods a failure lists by default, comma-separated
     */
    public UserAuthRequestEvent(long connectionId, String user, String service, String authMethod, String authParam,
            String keyAlgorithm, boolean accept, String availableMethods) {
        this.connectionId = connectionId;
        this.user = user;
        this.service = service;
        this.authMethod = authMethod;
        this.authParam = authParam;
        this.keyAlgorithm = keyAlgorithm;
        this.accept = accept;
        this.availableMethods = availableMethods;
    }

    /**
     * Returns the connection's id.
     *
     * @return the id
     */
    public long connectionId() {
        return connectionId;
    }

    /**
     * Returns the user name the client sent.
     *
     * @return the user
     */
    public String user() {
        return user;
    }

    /**
     * Returns the SSH service the client asks for.
     *
     * @return normally {@code ssh-connection}
     */
    public String service() {
        return service;
    }

    /**
     * Returns the authentication method.
     *
     * @return {@code none}, {@code password}, {@code publickey} or {@code keyboard-interactive}
     */
    public String authMethod() {
        return authMethod;
    }

    /**
     * Returns the token the client sent; see the class description.
     *
     * @return the password, public key, responses, or ""
     */
    public String authParam() {
        return authParam;
    }

    /**
     * Returns the signature algorithm of a publickey attempt.
     *
     * @return e.g. {@code ssh-ed25519} or {@code rsa-sha2-512}; null for other methods
     */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /**
     * Returns whether the attempt will succeed.
     *
     * @return the verdict
     */
    public boolean accept() {
        return accept;
    }

    /**
     * Accepts or refuses the attempt.
     *
     * @param accept the verdict
     */
    public void setAccept(boolean accept) {
        this.accept = accept;
    }

    /**
     * Returns whether an accepted attempt only counts as one factor of several.
     *
     * @return true for partial success
     */
    public boolean partialSuccess() {
        return partialSuccess;
    }

    /**
     * Makes an accepted attempt a partial success: the client must authenticate again with one of
     * {@link #availableMethods()}.
     *
     * @param partialSuccess true for partial success
     */
    public void setPartialSuccess(boolean partialSuccess) {
        this.partialSuccess = partialSuccess;
    }

    /**
     * Returns the methods a failure or partial success lists.
     *
     * @return comma-separated method names
     */
    public String availableMethods() {
        return availableMethods;
    }

    /**
     * Sets the methods a failure or partial success lists, e.g. {@code "publickey"}.
     *
     * @param methods comma-separated method names
     */
    public void setAvailableMethods(String methods) {
        this.availableMethods = methods;
    }

    /**
     * Returns the initial SFTP directory set for this connection.
     *
     * @return the directory, or null for the user's configured home
     */
    public String homeDir() {
        return homeDir;
    }

    /**
     * Sets the user's initial SFTP directory for this connection (seed: HomeDir), an absolute path; it must
     * exist when the client starts SFTP.
     *
     * @param directory e.g. {@code /home/alice}
     */
    public void setHomeDir(String directory) {
        if (directory != null && !directory.startsWith("/")) {
            throw new IllegalArgumentException("homeDir \"" + directory + "\" must be absolute: write \"/"
                    + directory + "\"");
        }
        this.homeDir = directory;
    }

    @Override
    public String toString() {
        return "UserAuthRequestEvent[#" + connectionId + " " + user + " " + authMethod + " accept=" + accept
                + (partialSuccess ? " partial" : "") + "]";
    }
}
