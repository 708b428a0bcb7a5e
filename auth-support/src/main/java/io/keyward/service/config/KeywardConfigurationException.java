package io.keyward.service.config;

/** Start-up refused because of a setting; the message says what is wrong and how to fix it. */
public class KeywardConfigurationException extends RuntimeException {

    private final String action;

    public KeywardConfigurationException(String description, String action) {
        super(description);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
