package io.sftptest.server.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.auth.UserAuthFactory;
import org.apache.sshd.server.auth.keyboard.KeyboardInteractiveAuthenticator;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.session.ServerConnectionServiceFactory;
import org.slf4j.Logger;

import io.sftptest.server.HostKey;

/**
 * The MINA SSHD side of one server: assembles an SSH server from the built {@link ServerSettings} and the
 * server's shared {@link ServerContext} (algorithms, authentication, the SFTP subsystem with its request
 * pipeline, connection faults, session events, limits), and starts, rebinds and stops it.
 */
public final class MinaServer {
    private final TestSshServer sshd;
    private final Logger log;
    private volatile SocketAddress boundAddress;

    /**
     * Assembles the SSH server; it does not listen yet.
     *
     * @param settings the built settings
     * @param context the state the server's MINA pieces share
     * @param keyboardInteractive the scripted keyboard-interactive prompts
     * @param log where startup warnings and failed key exchanges are explained
     */
    public MinaServer(ServerSettings settings, ServerContext context,
            KeyboardInteractiveAuthenticator keyboardInteractive, Logger log) {
        this.log = log;
        TestSshServer server = (TestSshServer) ServerBuilder.builder()
                .factory(TestSshServer::new)
                .cipherFactories(Algorithms.ciphers(settings.ciphers()))
                .macFactories(Algorithms.macs(settings.macs()))
                .keyExchangeFactories(Algorithms.keyExchanges(settings.keyExchanges()))
                .signatureFactories(Algorithms.signatures(settings.signatures()))
                .compressionFactories(Algorithms.compression(settings.compression()))
                .fileSystemFactory(new UserFileSystemFactory(context))
                .build();
        // MINA's NIO2 services on the group and threads shared by all servers (named explicitly, MINA would
        // otherwise log at INFO, on every start, that it picked NIO2 itself)
        server.setIoServiceFactoryFactory(SharedIo.serviceFactories());
        server.setHost(settings.host());
        server.setPort(settings.port());
        server.setStrictKeyExchange(settings.strictKeyExchange());
        server.setKeyPairProvider(KeyPairProvider.wrap(settings.hostKeys().stream().map(HostKey::keyPair).toList()));
        server.setPasswordAuthenticator((user, password, session) -> {
            UserAccount account = context.users().get(user);
            return account != null && account.passwordMatches(password);
        });
        server.setPublickeyAuthenticator((user, key, session) -> {
            UserAccount account = context.users().get(user);
            return account != null && account.keyMatches(key);
        });
        List<UserAuthFactory> auth = new ArrayList<>();
        for (UserAuthFactory factory : authFactories(settings.authMethods())) {
            auth.add(new ObservedUserAuthFactory(factory, context));
        }
        server.setUserAuthFactories(auth);
        server.setServiceFactories(List.of(ObservedUserAuthService.factory(context),
                ServerConnectionServiceFactory.INSTANCE));
        server.setSubsystemFactories(List.of(new TestSftpSubsystemFactory(context)));
        ExecChannels.install(server, context, settings.execRefused());
        server.setSessionStart(new ConnectionFaultInjector(context));
        server.setKeyboardInteractiveAuthenticator(keyboardInteractive);
        SessionEvents sessionEvents = new SessionEvents(context);
        server.addSessionListener(sessionEvents.gate());
        server.addSessionListener(context.connections());
        server.addSessionListener(sessionEvents);
        server.addSessionListener(new DisconnectReasons(settings.hostKeys(), settings.signatures(), context.events(),
                log));
        server.addChannelListener(sessionEvents);
        String banner = context.events().settings().userAuthBanner();
        if (banner != null) {
            CoreModuleProperties.WELCOME_BANNER.set(server, banner);
        }
        CoreModuleProperties.TCP_NODELAY.set(server, settings.tcpNoDelay());
        CoreModuleProperties.SERVER_IDENTIFICATION.set(server, settings.serverVersion());
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(server, settings.maxAuthAttempts());
        CoreModuleProperties.IDLE_TIMEOUT.set(server, settings.idleTimeout());
        CoreModuleProperties.AUTH_TIMEOUT.set(server, settings.authTimeout());
        if (!settings.keepAliveInterval().isZero()) {
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(server, settings.keepAliveInterval());
        }
        if (settings.rekeyBytesLimit() > 0) {
            CoreModuleProperties.REKEY_BYTES_LIMIT.set(server, settings.rekeyBytesLimit());
        }
        ServerLimits.apply(server, settings.maxChannelsPerConnection(), settings.maxOpenHandles(),
                settings.maxPacketSize(), settings.maxReadLength());
        this.sshd = server;
    }

    /**
     * Returns MINA's factories for authentication methods, and checks their names.
     *
     * @param methods any of {@code password}, {@code publickey}, {@code keyboard-interactive}
     * @return the factories, in order
     * @throws IllegalArgumentException for an unknown method
     */
    public static List<UserAuthFactory> authFactories(List<String> methods) {
        List<UserAuthFactory> factories = new ArrayList<>();
        for (String method : methods) {
            switch (method) {
                case "password" -> factories.add(UserAuthPasswordFactory.INSTANCE);
                case "publickey" -> factories.add(UserAuthPublicKeyFactory.INSTANCE);
                case "keyboard-interactive" -> factories.add(UserAuthKeyboardInteractiveFactory.INSTANCE);
                default -> throw new IllegalArgumentException("unknown authentication method \"" + method
                        + "\": use password, publickey or keyboard-interactive");
            }
        }
        return factories;
    }

    /**
     * Starts listening; warns (in the log given at creation) about an address other machines can reach.
     *
     * @return the address bound
     * @throws IOException when the address cannot be bound
     */
    public SocketAddress start() throws IOException {
        sshd.start();
        boundAddress = sshd.getBoundAddresses().iterator().next();
        StartupWarnings.log(boundAddress, log);
        return boundAddress;
    }

    /** Closes the listening socket; open connections stay. */
    public void stopListening() {
        sshd.unbind(boundAddress);
    }

    /**
     * Listens again on the address bound at start.
     *
     * @throws IOException when the port was taken meanwhile
     */
    public void listenAgain() throws IOException {
        sshd.rebind(boundAddress);
    }

    /**
     * Changes the banner clients show before authentication.
     *
     * @param banner the text, or null for none
     */
    public void userAuthBanner(String banner) {
        if (banner == null) {
            CoreModuleProperties.WELCOME_BANNER.remove(sshd);
        } else {
            CoreModuleProperties.WELCOME_BANNER.set(sshd, banner);
        }
    }

    /**
     * Stops the server at once: listening ends and every connection is dropped.
     *
     * @throws IOException when MINA fails to stop
     */
    public void stop() throws IOException {
        sshd.stop(true);
    }
}
