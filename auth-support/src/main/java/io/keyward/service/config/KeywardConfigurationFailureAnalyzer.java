package io.keyward.service.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a {@link KeywardConfigurationException} as a short description and action, not a stack trace. */
public class KeywardConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<KeywardConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, KeywardConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), null);
    }
}
