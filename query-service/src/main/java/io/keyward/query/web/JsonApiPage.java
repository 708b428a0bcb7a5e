package io.keyward.query.web;

import java.util.List;
import java.util.Map;

/**
 * A page of results as a JSON:API document: resource objects under {@code data}, and the paging with the total
 * count under {@code meta}.
 */
public record JsonApiPage(List<Resource> data, Meta meta) {

    public record Resource(String type, String id, Map<String, Object> attributes) {
    }

    public record Meta(int page, int pageSize, long total) {
    }
}
