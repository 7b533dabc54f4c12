package io.sftptest.junit;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Makes the tests of a class that shares one server ({@link ServerLifecycle#PER_CLASS}) run one after another
 * under parallel execution: an exclusive lock whose key only that class uses, so JUnit runs the class's tests
 * (and its {@code @Nested} classes) in the class's thread, while other classes still run concurrently.
 */
final class ClassServerLocks implements ResourceLocksProvider {
    private static final String KEY_PREFIX = "io.sftptest.junit.SftpServerTest:";

    @Override
    public Set<Lock> provideForClass(Class<?> testClass) {
        return locksFor(testClass);
    }

    @Override
    public Set<Lock> provideForNestedClass(List<Class<?>> enclosingInstanceTypes, Class<?> testClass) {
        return locksFor(testClass);
    }

    private static Set<Lock> locksFor(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, SftpServerTest.class)
                .filter(annotation -> annotation.lifecycle() == ServerLifecycle.PER_CLASS)
                .map(annotation -> Set.of(new Lock(KEY_PREFIX + testClass.getName(), ResourceAccessMode.READ_WRITE)))
                .orElse(Set.of());
    }
}
