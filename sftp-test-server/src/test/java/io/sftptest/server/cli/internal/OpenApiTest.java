package io.sftptest.server.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sftptest.server.SftpTestServer;

/** {@code GET /openapi.json} describes exactly the routes the admin API answers, and its references resolve. */
class OpenApiTest {

    @Test
    void describesEveryRouteAndNoOther() throws Exception {
        JsonNode document = document();
        List<String> described = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> {
                    if (!method.equals("parameters")) {
                        described.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        try (SftpTestServer server = SftpTestServer.startDefault();
                AdminServer admin = AdminServer.start(new AdminServer.Settings("127.0.0.1", 0, AdminToken.generate()),
                        server, new StartRules(), (faults, rule) -> {
                            throw new IllegalArgumentException("unused");
                        }, List.of("user"))) {
            List<String> routes = admin.routes().stream().map(route -> route.replace("...}", "}")).toList();
            assertThat(described).containsExactlyInAnyOrderElementsOf(routes);
        }
    }

    @Test
    void resolvesEveryReference() throws Exception {
        JsonNode document = document();
        List<String> references = new ArrayList<>();
        collect(document, references);
        assertThat(references).isNotEmpty().allSatisfy(reference -> {
            assertThat(reference).startsWith("#/");
            assertThat(document.at(reference.substring(1)).isMissingNode()).as(reference).isFalse();
        });
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
    }

    private static void collect(JsonNode node, List<String> references) {
        if (node.has("$ref")) {
            references.add(node.path("$ref").asText());
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext();) {
            collect(children.next(), references);
        }
    }

    private static JsonNode document() throws Exception {
        try (InputStream in = AdminServer.class.getResourceAsStream("openapi.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
