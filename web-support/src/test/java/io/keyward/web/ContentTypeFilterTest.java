package io.keyward.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ContentTypeFilterTest {

    private final ContentTypeFilter filter = new ContentTypeFilter(new ObjectMapper());

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "json", "application/json;;;=", "text/plain; charset=\u00ff"})
    void aContentTypeThatIsNotOneMediaTypeIs415BeforeAnythingReadsIt(String contentType) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v2/auth/serviceaccount");
        request.addHeader("Content-Type", contentType);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(415);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("unsupported-media-type");
        assertThat(chain.getRequest()).as("passed on").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/vnd.api+json", "application/json; charset=utf-8",
            "text/plain", "application/x-www-form-urlencoded"})
    void oneMediaTypeGoesOnToBeJudgedByTheEndpoint(String contentType) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v2/auth/serviceaccount");
        request.addHeader("Content-Type", contentType);
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }
}
