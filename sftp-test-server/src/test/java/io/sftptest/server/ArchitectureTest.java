package io.sftptest.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The boundary between the public API ({@code io.sftptest.server}, {@code .event}, {@code .cli}) and
 * {@code .internal}: users see only the public packages, so their signatures name no internal type; the events
 * know nothing but the public API; internal code uses the public package's values, never its services; and an
 * internal type is public only when another package needs it.
 */
@AnalyzeClasses(packages = "io.sftptest.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String INTERNAL = "io.sftptest.server.internal..";
    private static final String[] PUBLIC_PACKAGES = {"io.sftptest.server", "io.sftptest.server.event",
            "io.sftptest.server.cli"};

    @ArchTest
    static final ArchRule publicPackagesExposeNoInternalType = classes()
            .that().resideInAnyPackage(PUBLIC_PACKAGES)
            .should(exposeNoInternalType());

    @ArchTest
    static final ArchRule eventsDependOnThePublicApiOnly = classes()
            .that().resideInAPackage("io.sftptest.server.event")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.sftptest.server", "io.sftptest.server.event");

    @ArchTest
    static final ArchRule subPackagesAreFreeOfCycles = slices()
            .matching("io.sftptest.server.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule internalUsesOnlyTheValuesOfThePublicPackage = noClasses()
            .that().resideInAPackage(INTERNAL)
            .should().dependOnClassesThat(servicesOfThePublicPackage());

    @ArchTest
    static final ArchRule internalTypesArePublicOnlyWhereAnotherPackageNeedsThem = classes()
            .that().resideInAPackage(INTERNAL).and().arePublic().and().areTopLevelClasses()
            .should(beUsedOutsideTheirPackage());

    /** Classes of the root package that use internal ones: the server, its builder, the faults, the recording. */
    private static DescribedPredicate<JavaClass> servicesOfThePublicPackage() {
        return DescribedPredicate.describe("classes of io.sftptest.server that use io.sftptest.server.internal",
                target -> target.getPackageName().equals("io.sftptest.server")
                        && target.getDirectDependenciesFromSelf().stream()
                                .anyMatch(dependency -> isInternal(dependency.getTargetClass())));
    }

    private static ArchCondition<JavaClass> exposeNoInternalType() {
        return new ArchCondition<>("expose no type of io.sftptest.server.internal in their API") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                if (!isVisible(type)) {
                    return;
                }
                List<String> leaks = new ArrayList<>();
                type.getRawSuperclass().filter(ArchitectureTest::isInternal)
                        .ifPresent(superclass -> leaks.add("extends " + superclass.getName()));
                type.getRawInterfaces().stream().filter(ArchitectureTest::isInternal)
                        .forEach(api -> leaks.add("implements " + api.getName()));
                for (JavaField field : type.getFields()) {
                    if (isVisible(field)) {
                        internalIn(field.getType(), field.getFullName(), leaks);
                    }
                }
                for (JavaCodeUnit unit : type.getCodeUnits()) {
                    if (!isVisible(unit)) {
                        continue;
                    }
                    internalIn(unit.getReturnType(), unit.getFullName(), leaks);
                    unit.getParameterTypes().forEach(parameter -> internalIn(parameter, unit.getFullName(), leaks));
                    unit.getThrowsClause().getTypes().stream().filter(ArchitectureTest::isInternal)
                            .forEach(thrown -> leaks.add(unit.getFullName() + " throws " + thrown.getName()));
                }
                for (String leak : leaks) {
                    events.add(SimpleConditionEvent.violated(type, type.getName() + " exposes " + leak));
                }
            }
        };
    }

    private static ArchCondition<JavaClass> beUsedOutsideTheirPackage() {
        return new ArchCondition<>("be used by a class outside io.sftptest.server.internal") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean usedOutside = type.getDirectDependenciesToSelf().stream()
                        .anyMatch(dependency -> !isInternal(dependency.getOriginClass()));
                events.add(new SimpleConditionEvent(type, usedOutside, type.getName()
                        + (usedOutside ? " is used outside internal" : " is public, but only internal uses it:"
                                + " make it package-private")));
            }
        };
    }

    private static void internalIn(JavaType type, String where, List<String> leaks) {
        Set<JavaClass> involved = type.getAllInvolvedRawTypes();
        involved.stream().filter(ArchitectureTest::isInternal)
                .forEach(internal -> leaks.add(where + " (" + internal.getName() + ")"));
    }

    /** Whether a class is in an internal package: {@code .internal} or one below the runner ({@code cli.internal}). */
    private static boolean isInternal(JavaClass type) {
        String name = type.getPackageName();
        return name.startsWith("io.sftptest.server.internal") || name.startsWith("io.sftptest.server.cli.internal");
    }

    /** Whether a class can be named from outside its package: public, and nested only in such classes. */
    private static boolean isVisible(JavaClass type) {
        if (!type.getModifiers().contains(JavaModifier.PUBLIC)) {
            return false;
        }
        return type.getEnclosingClass().map(ArchitectureTest::isVisible).orElse(true);
    }

    /** Whether a member is part of its class's API: public, or protected where a subclass outside can see it. */
    private static boolean isVisible(JavaMember member) {
        Set<JavaModifier> modifiers = member.getModifiers();
        return modifiers.contains(JavaModifier.PUBLIC) || (modifiers.contains(JavaModifier.PROTECTED)
                && !member.getOwner().getModifiers().contains(JavaModifier.FINAL));
    }
}
