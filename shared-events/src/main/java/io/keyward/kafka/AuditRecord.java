package io.keyward.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * An audit topic record: a CloudEvents 1.0 event in structured JSON mode. {@code tenant} and {@code actor} are
 * CloudEvents extension attributes. {@code data} never holds a token or a token hash. Consumers dedupe on {@code id}.
 *
 * @param specversion     always {@code 1.0}
 * @param id              the domain event's id (stable across re-publishing)
 * @param source          {@code /keyward/tenants/{tenant}}
 * @param type            one of {@link AuditTypes}
 * @param subject         the user (service account or human) the event is about
 * @param time            RFC 3339 time of the event
 * @param datacontenttype always {@code application/json}
 * @param tenant          the tenant id
 * @param actor           who did it: a user id or {@code system}
 * @param data            the event's fields, minus secrets
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditRecord(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        String time,
        String datacontenttype,
        String tenant,
        String actor,
        Map<String, Object> data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public static String sourceOf(String tenant) {
        return "/keyward/tenants/" + tenant;
    }
}
