package io.keyward.command.config;

import io.keyward.identity.IdGenerator;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Ids and randomness of this instance. */
@Configuration(proxyBeanMethods = false)
class IdConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdConfiguration.class);

    /**
     * Each instance takes the next value of a PostgreSQL sequence as its node id (mod 1024), so instances started
     * against the same store never share one, as long as fewer than 1024 starts separate two live instances.
     */
    @Bean
    IdGenerator idGenerator(JdbcTemplate jdbc) {
        Long next = jdbc.queryForObject("SELECT nextval('kw_node_id_seq')", Long.class);
        int nodeId = (int) (next % (IdGenerator.MAX_NODE_ID + 1));
        log.info("Id generator node id {}", nodeId);
        return new IdGenerator(nodeId);
    }

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
