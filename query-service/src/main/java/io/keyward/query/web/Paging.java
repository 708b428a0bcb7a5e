package io.keyward.query.web;

import io.keyward.web.KeywardException;

/** The {@code page} (from 1) and {@code pageSize} (1 to 100, default 25) query parameters. */
public record Paging(int page, int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 25;
    public static final int MAX_PAGE_SIZE = 100;
    public static final int MAX_PAGE = 1_000_000;

    public static Paging of(Integer page, Integer pageSize) {
        int p = page == null ? 1 : page;
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        if (p < 1 || p > MAX_PAGE) {
            throw KeywardException.invalid("Query parameter 'page' must be between 1 and " + MAX_PAGE + ".");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw KeywardException.invalid("Query parameter 'pageSize' must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        return new Paging(p, size);
    }

    public int skip() {
        return (page - 1) * pageSize;
    }
}
