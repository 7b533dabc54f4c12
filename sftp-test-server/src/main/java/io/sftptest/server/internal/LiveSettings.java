package io.sftptest.server.internal;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The settings of one server that can change while it runs (set through
 * {@code SftpTestServer.config("NAME=VALUE")}); read on every use.
 */
public final class LiveSettings {
    private volatile String sftpErrorMessage;
    private volatile int maxConnections;
    private volatile List<String> allowedClients = List.of("*");
    private volatile List<String> blockedClients = List.of();
    private volatile int logLevel = 1;
    private volatile int dirListBufferSize = 100;
    private volatile boolean maskSensitiveData = true;
    private volatile String userAuthBanner;

    /**
     * Sets every value back to another instance's, e.g. the built settings on a reset.
     *
     * @param built the values to restore
     */
    public void restoreFrom(LiveSettings built) {
        sftpErrorMessage = built.sftpErrorMessage;
        maxConnections = built.maxConnections;
        allowedClients = built.allowedClients;
        blockedClients = built.blockedClients;
        logLevel = built.logLevel;
        dirListBufferSize = built.dirListBufferSize;
        maskSensitiveData = built.maskSensitiveData;
        userAuthBanner = built.userAuthBanner;
    }

    /**
     * Returns a copy, for a server built from a builder.
     *
     * @return the copy
     */
    public LiveSettings copy() {
        LiveSettings copy = new LiveSettings();
        copy.sftpErrorMessage = sftpErrorMessage;
        copy.maxConnections = maxConnections;
        copy.allowedClients = allowedClients;
        copy.blockedClients = blockedClients;
        copy.logLevel = logLevel;
        copy.dirListBufferSize = dirListBufferSize;
        copy.maskSensitiveData = maskSensitiveData;
        copy.userAuthBanner = userAuthBanner;
        return copy;
    }

    /**
     * Returns the banner clients show before authentication.
     *
     * @return the text, or null for none
     */
    public String userAuthBanner() {
        return userAuthBanner;
    }

    /**
     * Sets the banner clients show before authentication; the SSH server must be told as well.
     *
     * @param banner the text, or null for none
     */
    public void userAuthBanner(String banner) {
        this.userAuthBanner = banner;
    }

    /**
     * Returns the message sent with a status a listener set without one.
     *
     * @return the message, or null for the status's default text
     */
    public String sftpErrorMessage() {
        return sftpErrorMessage;
    }

    /**
     * Sets the message sent with a status a listener set without one.
     *
     * @param message the message, or null
     */
    public void sftpErrorMessage(String message) {
        this.sftpErrorMessage = message;
    }

    /**
     * Returns the connection limit.
     *
     * @return the limit, 0 for none
     */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * Sets the connection limit.
     *
     * @param max the limit, 0 for none
     */
    public void maxConnections(int max) {
        this.maxConnections = max;
    }

    /**
     * Returns the address patterns allowed to connect.
     *
     * @return the patterns, {@code *} for all
     */
    public List<String> allowedClients() {
        return allowedClients;
    }

    /**
     * Sets the address patterns allowed to connect.
     *
     * @param patterns the patterns
     */
    public void allowedClients(List<String> patterns) {
        this.allowedClients = List.copyOf(patterns);
    }

    /**
     * Returns the address patterns refused.
     *
     * @return the patterns
     */
    public List<String> blockedClients() {
        return blockedClients;
    }

    /**
     * Sets the address patterns refused.
     *
     * @param patterns the patterns
     */
    public void blockedClients(List<String> patterns) {
        this.blockedClients = List.copyOf(patterns);
    }

    /**
     * Returns the LogLevel: 0 none, 1 info, 2 verbose, 3 debug.
     *
     * @return the level
     */
    public int logLevel() {
        return logLevel;
    }

    /**
     * Sets the LogLevel.
     *
     * @param level 0 to 3
     */
    public void logLevel(int level) {
        this.logLevel = level;
    }

    /**
     * Returns how many entries one READDIR answer of a listener-served listing holds.
     *
     * @return at least 1
     */
    public int dirListBufferSize() {
        return dirListBufferSize;
    }

    /**
     * Sets how many entries one READDIR answer of a listener-served listing holds.
     *
     * @param size at least 1
     */
    public void dirListBufferSize(int size) {
        this.dirListBufferSize = size;
    }

    /**
     * Returns whether passwords are masked in Log events.
     *
     * @return true to mask
     */
    public boolean maskSensitiveData() {
        return maskSensitiveData;
    }

    /**
     * Sets whether passwords are masked in Log events.
     *
     * @param mask true to mask
     */
    public void maskSensitiveData(boolean mask) {
        this.maskSensitiveData = mask;
    }

    /**
     * Returns whether an address matches one of the patterns ({@code *} matches any run of characters).
     *
     * @param address an IP address literal
     * @param patterns the patterns
     * @return true on a match
     */
    public static boolean matches(String address, List<String> patterns) {
        for (String pattern : patterns) {
            String regex = ("\\Q" + pattern.trim() + "\\E").replace("*", "\\E.*\\Q");
            if (Pattern.matches(regex, address)) {
                return true;
            }
        }
        return false;
    }
}
