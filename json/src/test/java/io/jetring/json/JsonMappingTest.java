package io.jetring.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.jetring.api.Request;
import io.jetring.api.RequestBody;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A mapping of one's own reaches reading and writing; reading without the middleware names it. */
class JsonMappingTest {
    record Person(String firstName) {
    }

    @Test
    void aCustomMapperServesReadsAndResponses() throws Exception {
        JsonMapping snake = JsonMapping.of(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
        RingHandler app = ((RingHandler) request -> Json.response(request, Json.read(request, Person.class)))
                .wrap(Json.middleware(snake));
        Response response = app.handle(Request.builder().method("POST").header("Content-Type", "application/json")
                .body(RequestBody.of("{\"first_name\":\"Ada\"}")).build());
        assertThat(new String(((io.jetring.api.Body.Bytes) response.body()).bytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"first_name\":\"Ada\"}");
    }

    @Test
    void readingWithoutTheMiddlewareNamesIt() {
        assertThatThrownBy(() -> Json.read(Request.builder().build(), Person.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Json.read: the request did not pass through Json.middleware()"
                        + " (expected: the handler wrapped with Json.middleware())");
    }
}
