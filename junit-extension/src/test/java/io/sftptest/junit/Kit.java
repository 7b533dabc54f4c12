package io.sftptest.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;

import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs fixture classes on the Jupiter engine and returns the events. */
final class Kit {
    private Kit() {
    }

    static EngineExecutionResults run(Class<?>... classes) {
        return run(Map.of(), classes);
    }

    static EngineExecutionResults run(Map<String, String> configuration, Class<?>... classes) {
        EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter").configurationParameters(configuration);
        for (Class<?> type : classes) {
            builder = builder.selectors(selectClass(type));
        }
        return builder.execute();
    }

    static Map<String, String> concurrent() {
        return Map.of("junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");
    }
}
