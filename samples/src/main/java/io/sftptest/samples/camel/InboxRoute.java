package io.sftptest.samples.camel;

import java.nio.file.Path;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Code under test: an Apache Camel route that polls an SFTP inbox, copies each file into a local directory
 * and moves the remote original into {@code .done/} below the inbox.
 *
 * <pre>{@code
 * camelContext.addRoutes(new InboxRoute("sftp://alice@sftp.example.com:22/inbox?password=secret", Path.of("in")));
 * }</pre>
 */
public final class InboxRoute extends RouteBuilder {
    private final String inbox;
    private final Path localDirectory;

    /**
     * Creates the route.
     *
     * @param inbox the Camel SFTP endpoint URI of the inbox with its credentials as query, e.g.
     *     {@code sftp://alice@host:22/inbox?password=secret}; the route appends its own options
     * @param localDirectory where the files go
     */
    public InboxRoute(String inbox, Path localDirectory) {
        this.inbox = inbox;
        this.localDirectory = localDirectory;
    }

    /** Defines the route. */
    @Override
    public void configure() {
        from(inbox + "&move=.done&delay=200&strictHostKeyChecking=no&useUserKnownHostsFile=false")
                .routeId("sftp-inbox")
                .log(LoggingLevel.INFO, "fetched ${header.CamelFileName}")
                .to("file:" + localDirectory.toAbsolutePath());
    }
}
