package io.sftptest.junit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * The JUnit callbacks both extensions share: {@link SftpServerExtension} (servers of its fields) and the one
 * {@link SftpServerTest @SftpServerTest} registers (servers of the annotation) hand each callback, with
 * themselves, to {@link ServerExtensionSupport}, which tells their servers apart.
 */
abstract sealed class ServerCallbacks implements BeforeAllCallback, TestInstancePreConstructCallback,
        BeforeEachCallback, AfterEachCallback, ParameterResolver, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler permits SftpServerExtension, SftpServerTestExtension {

    /**
     * Starts this extension's per-class servers.
     *
     * @param context the class's context
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        ServerExtensionSupport.beforeAll(this, context);
    }

    /**
     * Gets the servers ready for the test whose instance is about to be created, so that a constructor sees them.
     *
     * @param factoryContext the instance about to be created
     * @param context the test's context
     */
    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
        ServerExtensionSupport.prepareTest(this, context);
    }

    /**
     * Resets the per-class servers, or starts the per-method ones, for the test.
     *
     * @param context the test's context
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        ServerExtensionSupport.prepareTest(this, context);
    }

    /**
     * Checks the test's unused fault rules, when asked to.
     *
     * @param context the test's context
     */
    @Override
    public void afterEach(ExtensionContext context) {
        ServerExtensionSupport.afterEach(this, context);
    }

    /**
     * Asks JUnit for the test's own context when a test instance is created, so that a per-method server
     * injected into a constructor belongs to that test (JUnit 5's default is the class's context).
     *
     * @param rootContext the root context
     * @return {@link ExtensionContextScope#TEST_METHOD}
     */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    /**
     * Claims {@code SftpTestServer}, {@link SftpPort @SftpPort int} and {@link SftpUri @SftpUri URI} parameters
     * meant for this extension's servers.
     *
     * @param parameterContext the parameter
     * @param extensionContext the context
     * @return true for a server of this extension
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return ServerExtensionSupport.supportsParameter(this, parameterContext, extensionContext);
    }

    /**
     * Injects the server, its port or its URI.
     *
     * @param parameterContext the parameter
     * @param extensionContext the context
     * @return the value
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return ServerExtensionSupport.resolveParameter(parameterContext, extensionContext);
    }

    /**
     * Adds the requests the server received during the test to the test's failure.
     *
     * @param context the test's context
     * @param throwable the failure
     * @throws Throwable the failure, always
     */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        ServerExtensionSupport.attachRequests(this, context, throwable);
    }

    /**
     * Adds the requests the server received to a failure of a {@code @BeforeEach} method.
     *
     * @param context the test's context
     * @param throwable the failure
     * @throws Throwable the failure, always
     */
    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        ServerExtensionSupport.attachRequests(this, context, throwable);
    }

    /**
     * Adds the requests the server received to a failure of an {@code @AfterEach} method.
     *
     * @param context the test's context
     * @param throwable the failure
     * @throws Throwable the failure, always
     */
    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        ServerExtensionSupport.attachRequests(this, context, throwable);
    }
}
