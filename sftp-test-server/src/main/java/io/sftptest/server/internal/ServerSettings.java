package io.sftptest.server.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sftptest.server.HostKey;
import io.sftptest.server.SftpServerListener;
import io.sftptest.server.SftpStatus;

/**
 * Everything a built server was configured with, as the builder produced it: immutable, kept by the server
 * for its whole life (a reset goes back to it) and read by {@link MinaServer} to assemble MINA. What can change
 * while the server runs is in {@link #live()}, of which the server keeps its own copy.
 *
 * @param host the address to bind
 * @param port the port, 0 for any free one
 * @param hostKeys the host keys offered, at least one, one per algorithm
 * @param accounts the users
 * @param restrictUserToHomeDir whether every user is confined to the home directory
 * @param rootDirectory the real directory served, or null for the in-memory filesystem
 * @param virtual whether listeners serve every file (no filesystem)
 * @param caseInsensitive whether the in-memory filesystem ignores the case of names
 * @param noSuchPath whether a request on a path whose directory is missing answers {@code NO_SUCH_PATH} (v4+)
 * @param execRefused whether exec and shell requests are refused (the no-exec personality)
 * @param appendIgnored whether a file opened to append is written at each WRITE's offset instead of its end
 * @param files the files ({@code byte[]}) and directories (null) created at start and on reset
 * @param minVersion the lowest SFTP version offered
 * @param maxVersion the highest SFTP version offered
 * @param disabledExtensions the SFTP extensions neither announced nor accepted
 * @param maxReadLength the cap on one read, 0 for none
 * @param quirks how the SFTP answers differ from MINA's (personalities)
 * @param statusMessages the message text per status, replacing MINA's own
 * @param authMethods the authentication methods offered, in order
 * @param maxAuthAttempts the authentication attempts allowed per connection
 * @param maxChannelsPerConnection the channels allowed open at once per connection, 0 for no limit
 * @param maxOpenHandles the handles allowed open at once per SFTP session, 0 for no limit
 * @param maxPacketSize the largest SFTP request accepted
 * @param idleTimeout how long an idle connection is kept
 * @param authTimeout how long authentication may take
 * @param keepAliveInterval the interval of keep-alive messages, zero for none
 * @param rekeyBytesLimit the bytes after which keys are exchanged again, 0 for MINA's default
 * @param ciphers the ciphers offered, in order
 * @param macs the MACs offered, in order
 * @param keyExchanges the key exchanges offered, in order
 * @param signatures the signature algorithms offered, in order
 * @param compression whether zlib compression is offered
 * @param strictKeyExchange whether strict key exchange (the Terrapin countermeasure) is offered
 * @param tcpNoDelay whether TCP_NODELAY is set on connections
 * @param serverVersion the software version in the SSH identification
 * @param listeners the builder's event listeners
 * @param live the settings a running server may change, as built
 * @param recordingEnabled whether requests are recorded
 * @param recordingLimit the most records kept
 * @param diskCapacity the bytes the filesystem holds, {@link DiskLimits#UNLIMITED} for no limit
 * @param quotas the bytes the files below each user's home may hold
 * @param lockOpenFiles whether a file another party holds open is locked
 * @param clock the clock that stamps file times in the in-memory filesystem
 */
public record ServerSettings(String host, int port, List<HostKey> hostKeys, List<UserAccount> accounts,
        boolean restrictUserToHomeDir, Path rootDirectory, boolean virtual, boolean caseInsensitive,
        boolean noSuchPath, boolean execRefused, boolean appendIgnored, Map<String, byte[]> files, int minVersion,
        int maxVersion, Set<String> disabledExtensions, int maxReadLength, SftpQuirks quirks,
        Map<SftpStatus, String> statusMessages, List<String> authMethods, int maxAuthAttempts,
        int maxChannelsPerConnection, int maxOpenHandles, int maxPacketSize, Duration idleTimeout,
        Duration authTimeout, Duration keepAliveInterval, long rekeyBytesLimit, List<String> ciphers, List<String> macs,
        List<String> keyExchanges, List<String> signatures, boolean compression, boolean strictKeyExchange,
        boolean tcpNoDelay, String serverVersion, List<SftpServerListener> listeners, LiveSettings live,
        boolean recordingEnabled, int recordingLimit, long diskCapacity, Map<String, Long> quotas,
        boolean lockOpenFiles, Clock clock) {
    /** The largest SFTP request accepted by default: four times the largest write MINA accepts. */
    public static final int DEFAULT_MAX_PACKET_SIZE = 1 << 20;

    /** The smallest packet limit that still lets every client write MINA's minimum write length. */
    public static final int MIN_MAX_PACKET_SIZE = 34 * 1024;

    /**
     * Copies the collections, so that the value cannot change after the builder made it.
     */
    public ServerSettings {
        accounts = List.copyOf(accounts);
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        disabledExtensions = Set.copyOf(disabledExtensions);
        statusMessages = Map.copyOf(statusMessages);
        authMethods = List.copyOf(authMethods);
        ciphers = List.copyOf(ciphers);
        macs = List.copyOf(macs);
        keyExchanges = List.copyOf(keyExchanges);
        signatures = List.copyOf(signatures);
        listeners = List.copyOf(listeners);
        live = live.copy();
        quotas = Collections.unmodifiableMap(new LinkedHashMap<>(quotas));
    }

    /**
     * Returns the live settings as built: a copy, so the server's own live settings start from it.
     *
     * @return a new copy
     */
    @Override
    public LiveSettings live() {
        return live.copy();
    }

    /**
     * Returns the account of a user.
     *
     * @param name the user name
     * @return the account, or null
     */
    public UserAccount account(String name) {
        return accounts.stream().filter(account -> account.name().equals(name)).findFirst().orElse(null);
    }
}
