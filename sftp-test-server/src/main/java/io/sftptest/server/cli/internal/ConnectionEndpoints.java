package io.sftptest.server.cli.internal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

import io.sftptest.server.SftpConnection;
import io.sftptest.server.SftpTestServer;

/** {@code /connections}: lists the open SSH connections and drops one or all of them. */
final class ConnectionEndpoints {
    private final SftpTestServer server;

    ConnectionEndpoints(SftpTestServer server) {
        this.server = server;
    }

    void addTo(Routes routes) {
        routes.add("GET", "/connections", this::list)
                .add("DELETE", "/connections", this::dropAll)
                .add("DELETE", "/connections/{id}", this::drop);
    }

    private Reply list(AdminRequest request) {
        request.query(Set.of());
        List<SftpConnection> connections = server.connections();
        return Reply.json(200, json -> {
            json.writeArrayFieldStart("connections");
            for (SftpConnection connection : connections) {
                json.writeStartObject();
                json.writeNumberField("id", connection.id());
                InetSocketAddress remote = connection.remoteAddress();
                if (remote != null) {
                    json.writeStringField("remoteAddress", remote.getAddress().getHostAddress() + ":"
                            + remote.getPort());
                }
                Reply.optional(json, "user", connection.user());
                json.writeBooleanField("authenticated", connection.authenticated());
                Reply.optional(json, "connectedAt", connection.connectedAt());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private Reply drop(AdminRequest request) {
        request.query(Set.of());
        String text = request.pathParameter("id");
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            id = 0;
        }
        if (id < 1) {
            throw ApiError.badRequest("connection id \"" + text + "\" is not a number from 1 up: GET /connections "
                    + "lists the ids");
        }
        long connectionId = id;
        boolean dropped = server.disconnect(connectionId);
        return Reply.json(200, json -> {
            json.writeNumberField("id", connectionId);
            json.writeBooleanField("disconnected", dropped);
        });
    }

    private Reply dropAll(AdminRequest request) {
        request.query(Set.of());
        int count = 0;
        for (SftpConnection connection : server.connections()) {
            if (server.disconnect(connection.id())) {
                count++;
            }
        }
        int disconnected = count;
        return Reply.json(200, json -> json.writeNumberField("disconnected", disconnected));
    }
}
