package io.sftptest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.sftptest.server.SftpTestServer;

class NamedServersTest {
    static final List<Object> observed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clear() {
        observed.clear();
    }

    static class SourceAndTarget {
        @RegisterExtension
        static SftpServerExtension source = new SftpServerExtension(SftpTestServer.builder().user("alice", "secret")
                .file("/out/orders.csv", "id,qty\n1,2\n"));

        @RegisterExtension
        static SftpServerExtension target = SftpServerExtension.builder().name("archive")
                .server(SftpTestServer.builder().user("bob", "pw")).build();

        @Test
        void copiesFromOneServerToTheOther(@SftpServer("source") SftpTestServer from,
                @SftpServer("archive") SftpTestServer to, @SftpPort("archive") int archivePort) {
            String orders = Sftp.get(from, "alice", "secret", "/out/orders.csv");
            Sftp.put(to, "bob", "pw", "/orders.csv", orders);
            observed.add(to.fileContent("/orders.csv", StandardCharsets.UTF_8));
            observed.add(from != to && archivePort == to.port() && from.port() != to.port());
            observed.add(source.server() == from && target.server() == to);
        }

        @Test
        void cannotGuessWhichServerIsMeant(SftpTestServer server) {
        }

        @Test
        void namesTheServersThatExist(@SftpServer("target") SftpTestServer server) {
        }
    }

    @Test
    void distinguishesServersByFieldNameOrGivenName() {
        var events = Kit.run(SourceAndTarget.class).testEvents();
        events.assertStatistics(s -> s.started(3).succeeded(1).failed(2));
        assertThat(observed).containsExactly("id,qty\n1,2\n", true, true);
        events.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.contains(
                "this test sees several SFTP servers, \"source\" (field " + SourceAndTarget.class.getName()
                        + ".source), \"archive\" (field " + SourceAndTarget.class.getName()
                        + ".target); say which with @SftpServer(\"name\")")))));
        events.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.contains(
                "there is no SFTP server named \"target\" here; the servers are \"source\"")))));
    }

    static class InstanceField {
        @RegisterExtension
        SftpServerExtension sftp = new SftpServerExtension();

        @Test
        void one(SftpTestServer server) {
            observed.add(server);
            observed.add(sftp.server() == server);
        }

        @Test
        void two(SftpTestServer server) {
            observed.add(server);
            observed.add(sftp.server() == server);
        }
    }

    @Test
    void anInstanceFieldGivesEachTestItsOwnServer() {
        Kit.run(InstanceField.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(observed).hasSize(4);
        assertThat(observed.get(1)).isEqualTo(true);
        assertThat(observed.get(3)).isEqualTo(true);
        assertThat(observed.get(0)).isNotSameAs(observed.get(2));
    }

    static class SpringStyle {
        @RegisterExtension
        static SftpServerExtension sftp = new SftpServerExtension(SftpTestServer.builder().user("alice", "secret"));

        static final Map<String, Object> properties = new java.util.HashMap<>();

        // What a Spring @DynamicPropertySource method does: read the port in static context.
        static void properties() {
            properties.put("partner.sftp.host", sftp.server().host());
            properties.put("partner.sftp.port", sftp.port());
        }

        @BeforeAll
        static void beforeAll() {
            properties();
        }

        @Test
        void test(SftpTestServer server) {
            observed.add(properties.get("partner.sftp.port").equals(server.port()));
            observed.add(Sftp.list((String) properties.get("partner.sftp.host"),
                    (Integer) properties.get("partner.sftp.port"), "alice", "secret", "/"));
        }
    }

    @Test
    void aStaticFieldsPortIsKnownInStaticContextAfterBeforeAll() {
        Kit.run(SpringStyle.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(observed).containsExactly(true, List.of());
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class OuterWithField {
        @RegisterExtension
        static SftpServerExtension sftp = new SftpServerExtension();

        @Nested
        class Inner {
            @Test
            void seesOuter(SftpTestServer server) {
                observed.add(server == sftp.server());
            }
        }

        @Nested
        class InnerWithItsOwn {
            @RegisterExtension
            SftpServerExtension own = new SftpServerExtension();

            @Test
            void seesItsOwnWithoutQualifier(SftpTestServer server, @SftpServer("sftp") SftpTestServer outer) {
                observed.add(server == own.server());
                observed.add(outer == sftp.server());
            }
        }
    }

    @Test
    void nestedClassesPreferTheirOwnServerAndCanStillNameTheOuterOne() {
        Kit.run(OuterWithField.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(observed).containsExactlyInAnyOrder(true, true, true);
    }

    @SftpServerTest
    static class AnnotationAndSameName {
        @RegisterExtension
        static SftpServerExtension sftp = SftpServerExtension.builder().name("default").build();

        @Test
        void test() {
        }
    }

    @Test
    void refusesTwoServersWithTheSameName() {
        Kit.run(AnnotationAndSameName.class).containerEvents().assertThatEvents().haveAtLeastOne(event(
                finishedWithFailure(message(m -> m.contains("two SFTP servers are named \"default\"")))));
    }
}
