package io.sftptest.server.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

/**
 * The public API exposes no Apache MINA SSHD type: no public or protected member of a public type in a public package
 * ({@code io.sftptest.server}, {@code .event}, {@code .cli}) names one in its signature (parameters, return type,
 * generic arguments, exceptions, field type), and no public type extends or implements one. MINA is how the server
 * works, not what users program against: the standalone artifact relocates it, and a MINA type in the API would be a
 * relocated name there, a class users could not name.
 */
@AnalyzeClasses(packages = "io.sftptest.server", importOptions = ImportOption.DoNotIncludeTests.class)
class NoMinaInPublicApiTest {
    private static final String MINA = "org.apache.sshd";
    private static final Set<String> PUBLIC_PACKAGES = Set.of("io.sftptest.server", "io.sftptest.server.event",
            "io.sftptest.server.cli");

    @ArchTest
    static final ArchRule PUBLIC_API_NAMES_NO_MINA_TYPE = ArchRuleDefinition.classes()
            .that(DescribedPredicate.describe("are public API types", NoMinaInPublicApiTest::isPublicApi))
            .should(new ArchCondition<>("expose no " + MINA + " type") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    for (String exposure : exposures(type)) {
                        events.add(SimpleConditionEvent.violated(type, exposure));
                    }
                }
            });

    @Test
    void findsAMinaTypeInASignatureOrASupertype() {
        JavaClass exposing = new ClassFileImporter().importClass(Exposing.class);

        assertThat(exposures(exposing)).containsExactlyInAnyOrder(
                exposing.getName() + " implements org.apache.sshd.common.NamedResource",
                exposing.getFullName() + ".session(java.util.List) names org.apache.sshd.common.session.Session",
                exposing.getFullName() + ".session(java.util.List) names org.apache.sshd.common.keyprovider.KeyPairProvider");
    }

    /** A public type that exposes MINA three ways, for the test above. */
    public abstract static class Exposing implements NamedResource {
        /**
         * Exposes MINA in its return type and a generic argument.
         *
         * @param keys anything
         * @return anything
         */
        public abstract Session session(List<KeyPairProvider> keys);
    }

    private static boolean isPublicApi(JavaClass type) {
        for (JavaClass enclosing = type; enclosing != null; enclosing = enclosing.getEnclosingClass().orElse(null)) {
            if (!enclosing.getModifiers().contains(JavaModifier.PUBLIC) || enclosing.isAnonymousClass()) {
                return false;
            }
        }
        return PUBLIC_PACKAGES.contains(type.getPackageName());
    }

    private static List<String> exposures(JavaClass type) {
        List<String> found = new ArrayList<>();
        type.getRawSuperclass().filter(NoMinaInPublicApiTest::isMina)
                .ifPresent(s -> found.add(type.getName() + " extends " + s.getName()));
        type.getRawInterfaces().stream().filter(NoMinaInPublicApiTest::isMina)
                .forEach(i -> found.add(type.getName() + " implements " + i.getName()));
        for (JavaMember member : type.getMembers()) {
            if (!member.getModifiers().contains(JavaModifier.PUBLIC)
                    && !member.getModifiers().contains(JavaModifier.PROTECTED)) {
                continue;
            }
            List<JavaType> signature = new ArrayList<>();
            if (member instanceof JavaField field) {
                signature.add(field.getType());
            } else if (member instanceof JavaCodeUnit code) {
                signature.add(code.getReturnType());
                signature.addAll(code.getParameterTypes());
                code.getThrowsClause().getTypes().forEach(signature::add);
            }
            for (JavaType part : signature) {
                part.getAllInvolvedRawTypes().stream().filter(NoMinaInPublicApiTest::isMina)
                        .forEach(mina -> found.add(member.getFullName() + " names " + mina.getName()));
            }
        }
        return found;
    }

    private static boolean isMina(JavaClass type) {
        return type.getPackageName().startsWith(MINA);
    }
}
