package io.keyward.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.web.ErrorCode;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class OpenApiDocumentTest {

    @Test
    @SuppressWarnings("unchecked")
    void listsExactlyTheProblemCodesKeywardAnswersWith() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/static/openapi.yaml")) {
            Map<String, Object> openapi = new Yaml().load(in);
            Map<String, Object> problem = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                    openapi.get("components")).get("schemas")).get("Problem");
            Map<String, Object> code = (Map<String, Object>) ((Map<String, Object>) problem.get("properties"))
                    .get("code");
            assertThat((List<String>) code.get("enum")).containsExactlyInAnyOrderElementsOf(
                    Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList());
        }
    }
}
