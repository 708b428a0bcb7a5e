package io.keyward.service.config;

import java.util.Properties;

/** Connection properties of the dedicated PostgreSQL connections that {@code LISTEN} for notifications. */
public final class ListenerConnections {

    private ListenerConnections() {
    }

    /** Credentials (when given), the application name shown in {@code pg_stat_activity}, and TCP keep-alive. */
    public static Properties properties(String username, String password, String applicationName) {
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("tcpKeepAlive", "true");
        return properties;
    }
}
