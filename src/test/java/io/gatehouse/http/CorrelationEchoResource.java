package io.gatehouse.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test-only endpoint: answers with the correlation id a resource sees through {@link CorrelationFilter#current()}. */
@Path("/test/correlation")
public class CorrelationEchoResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String current() {
        return CorrelationFilter.current().orElse("none");
    }
}
