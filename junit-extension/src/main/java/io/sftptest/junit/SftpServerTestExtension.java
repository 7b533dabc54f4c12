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
 * The extension {@link SftpServerTest} registers: it runs the servers declared with the annotation (on classes,
 * enclosing classes and methods). Servers of {@link SftpServerExtension} fields are run by those extensions.
 */
final class SftpServerTestExtension implements BeforeAllCallback, TestInstancePreConstructCallback,
        BeforeEachCallback, AfterEachCallback, ParameterResolver, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

    @Override
    public void beforeAll(ExtensionContext context) {
        ServerExtensionSupport.beforeAll(this, context);
    }

    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
        ServerExtensionSupport.prepareTest(this, context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ServerExtensionSupport.prepareTest(this, context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ServerExtensionSupport.afterEach(this, context);
    }

    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return ServerExtensionSupport.supportsParameter(this, parameterContext, extensionContext);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return ServerExtensionSupport.resolveParameter(parameterContext, extensionContext);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        ServerExtensionSupport.attachRequests(this, context, throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        ServerExtensionSupport.attachRequests(this, context, throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        ServerExtensionSupport.attachRequests(this, context, throwable);
    }
}
