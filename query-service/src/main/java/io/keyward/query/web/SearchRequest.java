package io.keyward.query.web;

import io.keyward.web.KeywardException;

/**
 * The JSON:API filter body of {@code POST /serviceaccount/search}:
 * {@code {"data": {"attributes": {"username": {"value": "..."}, "name": {"value": "...", "operator": "contains"}}}}}.
 * Unknown members are refused (400).
 */
public record SearchRequest(Data data) {

    public record Data(String type, Attributes attributes) {
    }

    public record Attributes(Filter username, Filter name) {
    }

    /**
     * @param value    what to match, case-insensitively
     * @param operator {@code equals} (default), {@code startsWith} or {@code contains}
     */
    public record Filter(String value, String operator) {

        public Operator parsedOperator(String field) {
            if (value == null) {
                throw KeywardException.invalid("Filter '" + field + "' needs a 'value'.");
            }
            if (value.length() > 200) {
                throw KeywardException.invalid("Filter '" + field + "' value must be at most 200 characters.");
            }
            if (operator == null || operator.equals("equals")) {
                return Operator.EQUALS;
            }
            return switch (operator) {
                case "startsWith" -> Operator.STARTS_WITH;
                case "contains" -> Operator.CONTAINS;
                default -> throw KeywardException.invalid("Filter '" + field
                        + "' operator must be equals, startsWith or contains.");
            };
        }
    }

    public enum Operator {
        EQUALS, STARTS_WITH, CONTAINS
    }

    public Filter usernameFilter() {
        return data == null || data.attributes() == null ? null : data.attributes().username();
    }

    public Filter nameFilter() {
        return data == null || data.attributes() == null ? null : data.attributes().name();
    }
}
